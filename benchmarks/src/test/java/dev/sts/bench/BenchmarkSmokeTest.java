package dev.sts.bench;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs every {@code @Benchmark} method of {@code dev.sts.bench} once, outside JMH: its {@code @State} objects are
 * made, their {@code @Param}s set and their {@code @Setup}s run (each fixture checks itself there), then the method
 * is called. No timing, so the build stays fast; what it catches is a benchmark broken by a change in sts-core.
 * New benchmark classes are found on their own. Each {@code @Param} is tried with each of its values in turn,
 * the others at their first value.
 */
class BenchmarkSmokeTest {
    private static final String BLACKHOLE_CONSENT =
            "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.";

    @TestFactory
    Stream<DynamicTest> everyBenchmarkRunsOnce() throws Exception {
        List<Class<?>> classes = benchmarkClasses();
        assertThat(classes).extracting(Class::getSimpleName).contains("SigV4VerifyBenchmark",
                "SessionTokenCodecBenchmark", "RequestAuthenticationBenchmark", "QueryParametersBenchmark");
        List<DynamicTest> tests = new ArrayList<>();
        for (Class<?> type : classes) {
            for (Method method : benchmarkMethods(type)) {
                for (Map<Field, String> params : paramSettings(method)) {
                    String name = type.getSimpleName() + "." + method.getName() + (params.isEmpty() ? "" : " "
                            + params.entrySet().stream().map(e -> e.getKey().getName() + "=" + e.getValue())
                            .collect(Collectors.joining(", ")));
                    tests.add(DynamicTest.dynamicTest(name, () -> runOnce(method, params)));
                }
            }
        }
        return tests.stream();
    }

    private static void runOnce(Method method, Map<Field, String> params) throws Exception {
        Class<?> type = method.getDeclaringClass();
        Object benchmark = type.getDeclaredConstructor().newInstance();
        List<Object> states = new ArrayList<>();
        if (type.isAnnotationPresent(State.class)) {
            states.add(benchmark);
        }
        Object[] args = new Object[method.getParameterCount()];
        for (int i = 0; i < args.length; i++) {
            Class<?> parameter = method.getParameterTypes()[i];
            if (parameter == Blackhole.class) {
                args[i] = new Blackhole(BLACKHOLE_CONSENT);
            } else if (parameter.isAnnotationPresent(State.class)) {
                Object state = parameter.getDeclaredConstructor().newInstance();
                states.add(state);
                args[i] = state;
            } else {
                throw new AssertionError(method + ": the smoke test cannot supply a " + parameter.getName());
            }
        }
        for (Object state : states) {
            setParams(state, params);
            invokeAll(state, Setup.class);
        }
        try {
            Object result = invoke(method, benchmark, args);
            if (method.getReturnType() != void.class) {
                assertThat(result).as(method.getName() + " returned nothing to consume").isNotNull();
            }
        } finally {
            for (Object state : states) {
                invokeAll(state, TearDown.class);
            }
        }
    }

    /** Every class of this package (not the generated sub-package) with a {@code @Benchmark} method. */
    private static List<Class<?>> benchmarkClasses() throws Exception {
        Path classes = Path.of(SigV4VerifyBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path dir = classes.resolve(BenchmarkSmokeTest.class.getPackageName().replace('.', '/'));
        List<Class<?>> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                String simple = file.getFileName().toString().replace(".class", "");
                Class<?> type = Class.forName(BenchmarkSmokeTest.class.getPackageName() + "." + simple);
                if (!benchmarkMethods(type).isEmpty()) {
                    found.add(type);
                }
            }
        }
        return found;
    }

    private static List<Method> benchmarkMethods(Class<?> type) {
        return Arrays.stream(type.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(Benchmark.class))
                .sorted(Comparator.comparing(Method::getName))
                .toList();
    }

    /** One setting with every {@code @Param} at its first value, then one per other value of each. */
    private static List<Map<Field, String>> paramSettings(Method method) {
        List<Field> fields = new ArrayList<>();
        List<Class<?>> holders = new ArrayList<>(List.of(method.getDeclaringClass()));
        holders.addAll(Arrays.asList(method.getParameterTypes()));
        for (Class<?> holder : holders) {
            for (Class<?> c = holder; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    if (field.isAnnotationPresent(Param.class)) {
                        fields.add(field);
                    }
                }
            }
        }
        Map<Field, String> first = new LinkedHashMap<>();
        fields.forEach(f -> first.put(f, values(f).get(0)));
        List<Map<Field, String>> settings = new ArrayList<>(List.of(first));
        for (Field field : fields) {
            for (String value : values(field).subList(1, values(field).size())) {
                Map<Field, String> setting = new LinkedHashMap<>(first);
                setting.put(field, value);
                settings.add(setting);
            }
        }
        return settings;
    }

    private static List<String> values(Field field) {
        String[] declared = field.getAnnotation(Param.class).value();
        if (declared.length > 0) {
            return List.of(declared);
        }
        if (field.getType().isEnum()) {
            return Arrays.stream(field.getType().getEnumConstants()).map(e -> ((Enum<?>) e).name()).toList();
        }
        throw new AssertionError(field + ": a @Param needs values unless it is an enum");
    }

    private static void setParams(Object state, Map<Field, String> params) throws IllegalAccessException {
        for (Map.Entry<Field, String> entry : params.entrySet()) {
            Field field = entry.getKey();
            if (field.getDeclaringClass().isInstance(state)) {
                field.setAccessible(true);
                field.set(state, convert(field.getType(), entry.getValue()));
            }
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object convert(Class<?> type, String value) {
        if (type == String.class) {
            return value;
        } else if (type == int.class || type == Integer.class) {
            return Integer.parseInt(value);
        } else if (type == long.class || type == Long.class) {
            return Long.parseLong(value);
        } else if (type == double.class || type == Double.class) {
            return Double.parseDouble(value);
        } else if (type == boolean.class || type == Boolean.class) {
            return Boolean.parseBoolean(value);
        } else if (type.isEnum()) {
            return Enum.valueOf((Class<? extends Enum>) type, value);
        }
        throw new AssertionError("the smoke test cannot set a @Param of type " + type.getName());
    }

    /** Runs the object's {@code @Setup} methods trial level first, or its {@code @TearDown}s trial level last. */
    private static void invokeAll(Object state, Class<? extends java.lang.annotation.Annotation> kind) throws Exception {
        List<Method> methods = new ArrayList<>();
        for (Class<?> c = state.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method method : c.getDeclaredMethods()) {
                if (method.isAnnotationPresent(kind) && !Modifier.isStatic(method.getModifiers())) {
                    if (method.getParameterCount() != 0) {
                        throw new AssertionError(method + ": the smoke test only runs @Setup/@TearDown without arguments");
                    }
                    methods.add(method);
                }
            }
        }
        Comparator<Method> byLevel = Comparator.comparing(m -> level(m, kind));
        methods.sort(kind == Setup.class ? byLevel : byLevel.reversed());
        for (Method method : methods) {
            invoke(method, state);
        }
    }

    private static Level level(Method method, Class<? extends java.lang.annotation.Annotation> kind) {
        return kind == Setup.class ? method.getAnnotation(Setup.class).value() : method.getAnnotation(TearDown.class).value();
    }

    private static Object invoke(Method method, Object target, Object... args) throws Exception {
        method.setAccessible(true);
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
