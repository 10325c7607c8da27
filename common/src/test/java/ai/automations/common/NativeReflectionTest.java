package ai.automations.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.annotations.RegisterForReflection;

class NativeReflectionTest {

    @Test
    void everyPublicRecordAndEnumOfCommonIsRegisteredForReflection() throws Exception {
        Set<Class<?>> registered = Set.of(NativeReflection.class.getAnnotation(RegisterForReflection.class).targets());
        List<String> missing = commonClasses().stream()
                .filter(type -> type.isRecord() || type.isEnum())
                .filter(type -> !Modifier.isPrivate(type.getModifiers()))
                .filter(type -> !registered.contains(type))
                .map(Class::getName)
                .toList();
        assertThat(missing).as("add these to ai.automations.common.NativeReflection").isEmpty();
    }

    @Test
    void theScanSeesCommonsTypes() throws Exception {
        assertThat(commonClasses()).extracting(Class::getSimpleName).contains("CloudEvent", "Role", "Introspection");
    }

    private static List<Class<?>> commonClasses() throws IOException, URISyntaxException {
        Path classes = Path.of(NativeReflection.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (Stream<Path> files = Files.walk(classes)) {
            return files.filter(f -> f.toString().endsWith(".class"))
                    .map(f -> classes.relativize(f).toString())
                    .filter(name -> !name.endsWith("module-info.class") && !name.endsWith("package-info.class"))
                    .map(name -> name.substring(0, name.length() - ".class".length()).replace('/', '.'))
                    .map(NativeReflectionTest::load)
                    .collect(Collectors.toList());
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, NativeReflectionTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
