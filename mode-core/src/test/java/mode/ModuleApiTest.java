package mode;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The module descriptor of mode.core as compiled, and the API its exported packages show. */
class ModuleApiTest {
  /** Packages of modules that mode.core requires transitively, besides the JDK's java.*. */
  static final List<String> TRANSITIVE = List.of("org.slf4j", "org.jgrapht", "javax.management");

  static Path classes() throws URISyntaxException {
    return Path.of(Service.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  static ModuleDescriptor descriptor() throws URISyntaxException {
    return ModuleFinder.of(classes()).find("mode.core").orElseThrow().descriptor();
  }

  static Set<String> exported() throws URISyntaxException {
    return descriptor().exports().stream()
        .filter(e -> !e.isQualified())
        .map(ModuleDescriptor.Exports::source)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  void onlyThePublicApiPackagesAreExported() throws Exception {
    assertThat(exported()).containsExactly(
        "mode", "mode.events", "mode.graph", "mode.inspect", "mode.jfr", "mode.jmx",
        "mode.logging", "mode.queues", "mode.ratelimit", "mode.signals", "mode.supervisors");
    assertThat(descriptor().packages())
        .contains("mode.internal", "mode.timers", "mode.worker", "mode.inspect.cli");
  }

  @Test
  void publicSignaturesOfExportedPackagesNameOnlyTypesUsersCanSee() throws Exception {
    Set<String> exported = exported();
    List<String> leaks = new ArrayList<>();
    for (Class<?> c : publicClasses(exported)) {
      List<Executable> members = new ArrayList<>(List.of(c.getDeclaredConstructors()));
      members.addAll(List.of(c.getDeclaredMethods()));
      for (Executable m : members) {
        if (visible(m.getModifiers()) && !m.isSynthetic()
            && !(m instanceof Method method && method.isBridge())) {
          List<Class<?>> types = new ArrayList<>(List.of(m.getParameterTypes()));
          types.addAll(List.of(m.getExceptionTypes()));
          if (m instanceof Method method) {
            types.add(method.getReturnType());
          }
          types.stream().filter(t -> !seen(t, exported)).forEach(t -> leaks.add(m + " uses " + t));
        }
      }
      for (Field f : c.getDeclaredFields()) {
        if (visible(f.getModifiers()) && !seen(f.getType(), exported)) {
          leaks.add(f + " uses " + f.getType());
        }
      }
    }
    assertThat(leaks).isEmpty();
  }

  static boolean visible(int modifiers) {
    return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
  }

  static boolean seen(Class<?> type, Set<String> exported) {
    Class<?> t = type;
    while (t.isArray()) {
      t = t.getComponentType();
    }
    if (t.isPrimitive()) {
      return true;
    }
    String p = t.getPackageName();
    return exported.contains(p) || p.startsWith("java.")
        || TRANSITIVE.stream().anyMatch(r -> p.equals(r) || p.startsWith(r + "."));
  }

  static List<Class<?>> publicClasses(Set<String> packages) throws Exception {
    Path root = classes();
    List<Class<?>> found = new ArrayList<>();
    for (String p : packages) {
      Path dir = root.resolve(p.replace('.', '/'));
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.filter(f -> f.toString().endsWith(".class")).toList()) {
          String name = p + "." + f.getFileName().toString().replaceFirst("\\.class$", "");
          if (name.endsWith("module-info") || name.endsWith("package-info")) {
            continue;
          }
          Class<?> c = Class.forName(name, false, ModuleApiTest.class.getClassLoader());
          if (reachable(c)) {
            found.add(c);
          }
        }
      } catch (IOException e) {
        throw new IllegalStateException("cannot list " + dir, e);
      }
    }
    return found;
  }

  /** Public, and so are all its enclosing classes (a public member of a private class is hidden). */
  static boolean reachable(Class<?> c) {
    for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
      if (!Modifier.isPublic(k.getModifiers()) || k.isAnonymousClass() || k.isLocalClass()) {
        return false;
      }
    }
    return true;
  }
}
