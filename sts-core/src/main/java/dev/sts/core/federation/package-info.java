/**
 * Federation with external identity providers: the registered OpenID Connect providers, the neutral record a
 * validated web identity token becomes, and outbound federation (GetWebIdentityToken). Token parsing itself lives in
 * federation-service only; the rules that decide with its result live here.
 */
package dev.sts.core.federation;
