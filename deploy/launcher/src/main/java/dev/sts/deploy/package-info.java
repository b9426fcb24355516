/**
 * The local platform as plain processes, without Docker or any framework. {@link dev.sts.deploy.Platform} starts
 * a private Redis ({@link dev.sts.deploy.RedisServerProcess}), a single-node KRaft broker
 * ({@link dev.sts.deploy.KafkaBrokerProcess}, jars from {@code deploy/kafka-runtime}) and the four Quarkus
 * services ({@link dev.sts.deploy.ServiceProcess}), records their pids under {@code <state>/run/} and writes
 * AWS profile files for the {@link dev.sts.deploy.DevelopmentAccounts}. {@link dev.sts.deploy.StsCommand} is
 * {@code ./sts}; the test-support module {@code testing} reuses the Redis and Kafka classes.
 */
package dev.sts.deploy;
