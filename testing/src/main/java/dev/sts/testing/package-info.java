/**
 * Test support for the services: {@link dev.sts.testing.LocalInfrastructure} (one private Redis and one real
 * Kafka broker per test JVM), {@link dev.sts.testing.InfrastructureTestResource} (points a {@code @QuarkusTest}
 * at them), and probes to assert what a service wrote: {@link dev.sts.testing.KafkaTopicReader} and
 * {@link dev.sts.testing.RedisProbe}.
 */
package dev.sts.testing;
