package dev.sts.core.protocol;

import dev.sts.core.error.StsErrorCode;
import dev.sts.core.error.StsException;
import org.junit.jupiter.api.Test;

import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueryParametersTest {
    @Test
    void decodesFormEncodingIncludingPlusAsSpaceAndUtf8Escapes() {
        QueryParameters params = QueryParameters.parse("Action=GetCallerIdentity&Name=a+b%2Bc&Uni=%C3%A9t%C3%A9&Empty=&Flag");
        assertThat(params.required("Action")).isEqualTo("GetCallerIdentity");
        assertThat(params.required("Name")).isEqualTo("a b+c");
        assertThat(params.required("Uni")).isEqualTo("été");
        assertThat(params.required("Empty")).isEmpty();
        assertThat(params.required("Flag")).isEmpty();
    }

    @Test
    void keepsTheFirstValueOfARepeatedParameter() {
        assertThat(QueryParameters.parse("Action=A&Action=B").required("Action")).isEqualTo("A");
    }

    @Test
    void bodyWinsOverQueryStringOnAClash() {
        QueryParameters merged = QueryParameters.parse("Action=FromBody")
                .withFallback(QueryParameters.parse("Action=FromQuery&Version=2011-06-15"));
        assertThat(merged.required("Action")).isEqualTo("FromBody");
        assertThat(merged.required("Version")).isEqualTo("2011-06-15");
    }

    @Test
    void refusesBrokenPercentEscapes() {
        for (String broken : new String[]{"A=%", "A=%4", "A=%zz", "A=%C3"}) {
            assertThatThrownBy(() -> QueryParameters.parse(broken))
                    .isInstanceOf(StsException.class)
                    .extracting(e -> ((StsException) e).errorCode())
                    .isEqualTo(StsErrorCode.MALFORMED_QUERY_STRING);
        }
    }

    @Test
    void refusesMoreParametersThanAnyActionTakes() {
        StringBuilder many = new StringBuilder();
        for (int i = 0; i <= QueryParameters.MAX_PARAMETERS; i++) {
            many.append("p").append(i).append("=x&");
        }
        assertThatThrownBy(() -> QueryParameters.parse(many.toString())).isInstanceOf(StsException.class);
    }

    @Test
    void integerBoundsAreReportedLikeAws() {
        QueryParameters params = QueryParameters.parse("DurationSeconds=899&Big=129601&Text=abc");
        assertThatThrownBy(() -> params.integer("DurationSeconds", 900, 129600))
                .hasMessage("1 validation error detected: Value '899' at 'durationSeconds' failed to satisfy constraint: "
                        + "Member must have value greater than or equal to 900");
        assertThatThrownBy(() -> params.integer("Big", 900, 129600))
                .hasMessageContaining("less than or equal to 129600");
        assertThatThrownBy(() -> params.integer("Text", 0, 1))
                .extracting(e -> ((StsException) e).errorCode()).isEqualTo(StsErrorCode.VALIDATION_ERROR);
        assertThat(QueryParameters.parse("D=900").integer("D", 900, 129600)).hasValue(900);
        assertThat(QueryParameters.parse("D=129600").integer("D", 900, 129600)).hasValue(129600);
        assertThat(params.integer("Absent", 0, 1)).isEmpty();
    }

    @Test
    void hugeNumbersAreValidationErrorsNotOverflow() {
        assertThatThrownBy(() -> QueryParameters.parse("D=99999999999999999999999").integer("D", 900, 129600))
                .isInstanceOf(StsException.class);
        assertThatThrownBy(() -> QueryParameters.parse("D=9999999999").integer("D", 900, 129600))
                .hasMessageContaining("less than or equal to");
    }

    @Test
    void stringLengthAndPatternAreChecked() {
        Pattern digits = Pattern.compile("\\d*");
        assertThat(QueryParameters.parse("C=123456").string("C", 6, 6, digits)).hasValue("123456");
        assertThatThrownBy(() -> QueryParameters.parse("C=12345").string("C", 6, 6, digits))
                .hasMessageContaining("length greater than or equal to 6");
        assertThatThrownBy(() -> QueryParameters.parse("C=1234567").string("C", 6, 6, digits))
                .hasMessageContaining("length less than or equal to 6");
        assertThatThrownBy(() -> QueryParameters.parse("C=12345a").string("C", 6, 6, digits))
                .hasMessageContaining("regular expression");
    }

    @Test
    void missingRequiredParameterNamesTheMember() {
        assertThatThrownBy(() -> QueryParameters.empty().required("RoleArn"))
                .hasMessageContaining("at 'roleArn'").hasMessageContaining("must not be null");
    }
}
