package se.vaxel.render;

import freemarker.cache.ClassTemplateLoader;
import freemarker.cache.ConditionalTemplateConfigurationFactory;
import freemarker.cache.FileNameGlobMatcher;
import freemarker.cache.FileTemplateLoader;
import freemarker.cache.MultiTemplateLoader;
import freemarker.cache.StrongCacheStorage;
import freemarker.cache.TemplateLoader;
import freemarker.core.Environment;
import freemarker.core.HTMLOutputFormat;
import freemarker.core.PlainTextOutputFormat;
import freemarker.core.TemplateClassResolver;
import freemarker.core.TemplateConfiguration;
import freemarker.ext.beans.BeansWrapper;
import freemarker.template.Configuration;
import freemarker.template.DefaultObjectWrapperBuilder;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import freemarker.template.TemplateNotFoundException;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The wording of every text vaxel writes, looked up by name such as {@code sv/greeting.ftl}.
 *
 * <p>The only class that knows Freemarker. Lookup order: the organisation's own directory
 * ({@code --templates DIR}), the shipped {@code templates/} under {@code -Dvaxel.home}, and
 * last {@code /templates/} on the class path.
 * A template missing from an earlier directory is found in a later one, so an organisation
 * overrides only the files whose wording it changes.
 *
 * <p>Templates may come from an organisation, so they are treated as untrusted: they see only
 * the plain strings, lists and maps the caller passes, cannot call Java methods, create objects
 * or reach Freemarker's internals. Thread-safe; parsed templates are cached for the instance's
 * life.
 */
public final class Templates {
  /** Model key whose value (a {@link Locale}) sets the locale the template runs in. */
  public static final String LOCALE = "locale";

  private static final String CLASSPATH_ROOT = "/templates";

  private final Configuration config;
  private final List<String> searched;

  /** @throws IllegalArgumentException if {@code overrideDir} is given but is no directory */
  public Templates(Optional<Path> overrideDir) {
    List<TemplateLoader> loaders = new ArrayList<>();
    List<String> places = new ArrayList<>();
    for (Path dir : directories(overrideDir)) {
      loaders.add(fileLoader(dir));
      places.add(dir.toString());
    }
    loaders.add(new ClassTemplateLoader(Templates.class, CLASSPATH_ROOT));
    places.add("classpath:" + CLASSPATH_ROOT);
    searched = List.copyOf(places);
    config = configure(new MultiTemplateLoader(loaders.toArray(TemplateLoader[]::new)));
  }

  /**
   * Renders one template.
   *
   * @throws TemplateProblem naming the template when it is missing, does not parse or fails
   */
  public String render(String name, Map<String, Object> model) {
    Template template;
    try {
      template = config.getTemplate(name);
    } catch (TemplateNotFoundException e) {
      throw new TemplateProblem(name, "not found in " + String.join(", ", searched), e);
    } catch (IOException e) {
      throw new TemplateProblem(name, e.getMessage(), e);
    }
    StringWriter out = new StringWriter(256);
    try {
      Environment env = template.createProcessingEnvironment(model, out);
      if (model.get(LOCALE) instanceof Locale locale) {
        env.setLocale(locale);
      }
      env.process();
    } catch (TemplateException | IOException e) {
      throw new TemplateProblem(name, e.getMessage(), e);
    }
    return out.toString();
  }

  /** A template that is missing, does not parse, or fails while rendering. */
  public static final class TemplateProblem extends RuntimeException {
    private final String template;

    TemplateProblem(String template, String detail, Throwable cause) {
      super("template " + template + ": " + detail, cause);
      this.template = template;
    }

    public String template() {
      return template;
    }
  }

  private static Set<Path> directories(Optional<Path> overrideDir) {
    Set<Path> dirs = new LinkedHashSet<>();
    overrideDir.ifPresent(dir -> {
      if (!Files.isDirectory(dir)) {
        throw new IllegalArgumentException("templates directory does not exist: " + dir);
      }
      dirs.add(dir.toAbsolutePath().normalize());
    });
    String home = System.getProperty("vaxel.home");
    if (home != null) {
      addIfDirectory(dirs, Path.of(home, "templates"));
    }
    // Not ./templates: output must not depend on the directory vaxel is run from, or apply
    // and check run from different places would disagree about the fingerprint.
    return dirs;
  }

  private static void addIfDirectory(Set<Path> dirs, Path dir) {
    if (Files.isDirectory(dir)) {
      dirs.add(dir.toAbsolutePath().normalize());
    }
  }

  private static FileTemplateLoader fileLoader(Path dir) {
    try {
      return new FileTemplateLoader(dir.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read templates directory " + dir, e);
    }
  }

  private static Configuration configure(TemplateLoader loader) {
    Configuration c = new Configuration(Configuration.VERSION_2_3_34);
    c.setTemplateLoader(loader);
    // Parsed templates never leave the cache and are never re-checked on disk: one run renders
    // the same few templates hundreds of thousands of times, and a concurrent storage keeps
    // parallel generation threads from queueing on a lock.
    c.setCacheStorage(new StrongCacheStorage());
    c.setTemplateUpdateDelayMilliseconds(Long.MAX_VALUE);
    // No greeting_sv_SE.ftl variants: the language is already the directory.
    c.setLocalizedLookup(false);
    c.setDefaultEncoding("UTF-8");
    c.setOutputEncoding("UTF-8");
    c.setLocale(Locale.ROOT);
    // Every value arrives as a string; a stray number prints without grouping or locale.
    c.setNumberFormat("computer");
    c.setOutputFormat(PlainTextOutputFormat.INSTANCE);
    TemplateConfiguration html = new TemplateConfiguration();
    html.setOutputFormat(HTMLOutputFormat.INSTANCE);
    c.setTemplateConfigurations(
        new ConditionalTemplateConfigurationFactory(new FileNameGlobMatcher("*.html.ftl"), html));

    DefaultObjectWrapperBuilder wrapper = new DefaultObjectWrapperBuilder(Configuration.VERSION_2_3_34);
    wrapper.setExposureLevel(BeansWrapper.EXPOSE_NOTHING);
    c.setObjectWrapper(wrapper.build());
    c.setAPIBuiltinEnabled(false);
    c.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);

    c.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
    c.setLogTemplateExceptions(false);
    c.setWrapUncheckedExceptions(true);
    c.setFallbackOnNullLoopVariable(false);
    return c;
  }
}
