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
import freemarker.core._CoreAPI;
import freemarker.ext.beans.BeansWrapper;
import freemarker.template.Configuration;
import freemarker.template.DefaultObjectWrapperBuilder;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import freemarker.template.TemplateNotFoundException;
import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The wording of every text vaxel writes, looked up by name such as {@code sv/greeting.ftl}.
 *
 * <p>The only class that knows Freemarker. Lookup order: the organisation's own directory
 * ({@code --templates DIR}), the shipped {@code templates/} under {@code -Dvaxel.home}, and
 * last {@code /templates/} on the class path.
 * A template missing from an earlier directory is found in a later one, so an organisation
 * overrides only the files whose wording it changes.
 *
 * <p>The organisation's directory holds wording only: the templates under {@code asterisk/}
 * carry vaxel's contract with the PBX (the dialplan that reads the live absences from AstDB,
 * the probe, the dialplan that apply and check compare with what is loaded), so they always
 * come from the installation, and a directory that tries to override them is refused.
 *
 * <p>Templates may come from an organisation, so they are treated as untrusted: they see only
 * the plain strings, lists and maps the caller passes, cannot call Java methods, create objects
 * or reach Freemarker's internals, and one rendering is stopped past a time limit and an output
 * limit ({@link Limits}). Thread-safe; parsed templates are cached for the instance's life.
 */
public final class Templates {
  /** Model key whose value (a {@link Locale}) sets the locale the template runs in. */
  public static final String LOCALE = "locale";

  /** The directory of the templates that carry the PBX contract: never the organisation's. */
  public static final String ASTERISK_DIR = "asterisk";

  private static final String CLASSPATH_ROOT = "/templates";

  /** The longest organisation's template read; the shipped ones are a few thousand. */
  static final int MAX_TEMPLATE_CHARS = 1024 * 1024;

  /**
   * What one rendering may cost: Freemarker has no limits of its own, and a template can loop
   * two billion times or write gigabytes. The output limit is far above what the largest staff
   * file generates (about 400 characters of dialplan per person, 80,000 people at most) and far
   * below what runs the JVM out of memory; the time limit is far above the few seconds the
   * largest dialplan takes.
   */
  public record Limits(Duration time, int outputChars) {
    public static final Limits DEFAULT = new Limits(Duration.ofSeconds(30), 256 * 1024 * 1024);
  }


  private final Configuration config;
  private final List<String> searched;
  private final Limits limits;

  /**
   * @throws IllegalArgumentException if {@code overrideDir} is given but is no directory, or
   *     holds Asterisk templates (see {@link #overrideProblem})
   */
  public Templates(Optional<Path> overrideDir) {
    this(overrideDir, Limits.DEFAULT);
  }

  /** With other limits, so tests can reach them in a second. */
  Templates(Optional<Path> overrideDir, Limits limits) {
    this.limits = limits;
    List<TemplateLoader> loaders = new ArrayList<>();
    List<String> places = new ArrayList<>();
    overrideDir.ifPresent(dir -> {
      if (!Files.isDirectory(dir)) {
        throw new IllegalArgumentException("templates directory does not exist: " + dir);
      }
      overrideProblem(dir).ifPresent(problem -> {
        throw new IllegalArgumentException(problem);
      });
      Path absolute = dir.toAbsolutePath().normalize();
      loaders.add(new WordingOnly(fileLoader(absolute)));
      places.add(absolute.toString());
    });
    installed().ifPresent(dir -> {
      loaders.add(fileLoader(dir));
      places.add(dir.toString());
    });
    loaders.add(new ClassTemplateLoader(Templates.class, CLASSPATH_ROOT));
    places.add("classpath:" + CLASSPATH_ROOT);
    searched = List.copyOf(places);
    config = configure(new MultiTemplateLoader(loaders.toArray(TemplateLoader[]::new)));
  }

  /**
   * Why {@code dir} cannot be an organisation's template directory, if it cannot: it holds
   * {@code asterisk/*.ftl}. Refused rather than ignored, so an organisation never believes a
   * change to the dialplan is in force when it is not.
   */
  public static Optional<String> overrideProblem(Path dir) {
    Path asterisk = dir.resolve(ASTERISK_DIR);
    if (!Files.isDirectory(asterisk)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.list(asterisk)) {
      return files.map(f -> f.getFileName().toString())
          .filter(n -> n.endsWith(".ftl"))
          .sorted()
          .findFirst()
          .map(n -> "templates directory " + dir + " has " + ASTERISK_DIR + "/" + n
              + ", but the Asterisk templates carry vaxel's contract with the PBX and cannot be"
              + " overridden; remove " + asterisk + " and keep only the wording (sv/, en/)");
    } catch (IOException e) {
      return Optional.of("cannot read " + asterisk + ": " + e.getMessage());
    }
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
    LimitedWriter out = new LimitedWriter(limits.outputChars());
    Deadline deadline = new Deadline(limits.time());
    try {
      Environment env = template.createProcessingEnvironment(model, out);
      if (model.get(LOCALE) instanceof Locale locale) {
        env.setLocale(locale);
      }
      env.process();
    } catch (TemplateException | IOException | RuntimeException e) {
      // Checked first: a limit may surface wrapped, or as the interruption it caused.
      if (out.overflowed()) {
        throw new TemplateProblem(name, "wrote more than " + limits.outputChars()
            + " characters; a template may write at most " + limits.outputChars(), e);
      }
      if (deadline.passed()) {
        throw timeLimit(name);
      }
      if (e instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new TemplateProblem(name, e.getMessage(), e);
    } catch (StackOverflowError e) {
      throw new TemplateProblem(name, "macros or functions call each other without end", e);
    } catch (OutOfMemoryError e) {
      // One huge value (say ?left_pad(2000000000)) fails its own allocation; everything this
      // rendering allocated is garbage once it is abandoned here.
      throw new TemplateProblem(name, "needs more memory than there is (a value too large?)", e);
    } finally {
      deadline.cancel();
    }
    return out.toString();
  }

  private TemplateProblem timeLimit(String name) {
    return new TemplateProblem(name, "ran longer than " + limits.time().toSeconds()
        + " s; a template may run at most " + limits.time().toSeconds()
        + " s (a loop that does not end?)", null);
  }

  /**
   * Interrupts the rendering thread once its time is up; Freemarker checks the interrupt in
   * every loop (see {@link Checked}), so even a loop that writes nothing stops. The interrupt
   * is given and taken back under one lock, so it never outlives the rendering it was for.
   *
   * <p>One watchdog thread looks at the running renderings ten times a second: a generation
   * renders hundreds of thousands of small templates, and a set entry costs far less per
   * rendering than a scheduled task would.
   */
  private static final class Deadline {
    private static final Set<Deadline> RUNNING = ConcurrentHashMap.newKeySet();
    private static final long TICK_MILLIS = 100;

    static {
      Thread watchdog = new Thread(Deadline::watch, "vaxel-template-watchdog");
      watchdog.setDaemon(true);
      watchdog.start();
    }

    private final Thread thread = Thread.currentThread();
    private final long end;
    private boolean done;
    private boolean passed;

    Deadline(Duration time) {
      end = System.nanoTime() + time.toNanos();
      RUNNING.add(this);
    }

    private static void watch() {
      while (true) {
        try {
          Thread.sleep(TICK_MILLIS);
        } catch (InterruptedException e) {
          return;
        }
        long now = System.nanoTime();
        for (Deadline d : RUNNING) {
          if (now - d.end > 0) {
            d.ring();
          }
        }
      }
    }

    private synchronized void ring() {
      if (!done && !passed) {
        passed = true;
        thread.interrupt();
      }
    }

    synchronized boolean passed() {
      return passed;
    }

    void cancel() {
      RUNNING.remove(this);
      synchronized (this) {
        done = true;
        if (passed) {
          Thread.interrupted();
        }
      }
    }
  }

  /** Collects the output, and fails the write that would take it past the limit. */
  private static final class LimitedWriter extends Writer {
    private final StringBuilder text = new StringBuilder(256);
    private final int limit;
    private boolean overflowed;

    LimitedWriter(int limit) {
      this.limit = limit;
    }

    @Override
    public void write(char[] chars, int offset, int length) throws IOException {
      room(length);
      text.append(chars, offset, length);
    }

    @Override
    public void write(String string, int offset, int length) throws IOException {
      room(length);
      text.append(string, offset, offset + length);
    }

    private void room(int length) throws IOException {
      if (overflowed || length > limit - text.length()) {
        overflowed = true;
        throw new IOException("output limit of " + limit + " characters reached");
      }
    }

    boolean overflowed() {
      return overflowed;
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}

    @Override
    public String toString() {
      return text.toString();
    }
  }

  /**
   * A configuration whose templates check the thread's interrupt in every loop, those reached
   * by #import and #include too (they are all loaded through this method). Freemarker 2.3 has
   * that check but no setting for it; {@code _CoreAPI} is its way in.
   */
  private static final class Checked extends Configuration {
    private final Set<Template> prepared = ConcurrentHashMap.newKeySet();

    Checked() {
      super(Configuration.VERSION_2_3_34);
    }

    @Override
    public Template getTemplate(String name, Locale locale, Object customLookupCondition,
        String encoding, boolean parseAsFTL, boolean ignoreMissing) throws IOException {
      Template template = super.getTemplate(
          name, locale, customLookupCondition, encoding, parseAsFTL, ignoreMissing);
      if (template != null && !prepared.contains(template)) {
        // Once per parsed template, and not while another thread renders it: the checks are
        // added to its tree.
        synchronized (template) {
          if (!prepared.contains(template)) {
            _CoreAPI.addThreadInterruptedChecks(template);
            prepared.add(template);
          }
        }
      }
      return template;
    }
  }

  /** The organisation's directory: blind to {@code asterisk/} whatever it holds, and bounded. */
  private static final class WordingOnly implements TemplateLoader {
    private final TemplateLoader loader;

    WordingOnly(TemplateLoader loader) {
      this.loader = loader;
    }

    @Override
    public Object findTemplateSource(String name) throws IOException {
      return name.startsWith(ASTERISK_DIR + "/") ? null : loader.findTemplateSource(name);
    }

    @Override
    public long getLastModified(Object source) {
      return loader.getLastModified(source);
    }

    /** Bounded, as staff.yaml is: DIR/sv/greeting.ftl may be a link to /dev/zero. */
    @Override
    public Reader getReader(Object source, String encoding) throws IOException {
      return new FilterReader(loader.getReader(source, encoding)) {
        private long read;

        @Override
        public int read() throws IOException {
          char[] one = new char[1];
          return read(one, 0, 1) < 0 ? -1 : one[0];
        }

        @Override
        public int read(char[] chars, int offset, int length) throws IOException {
          int n = super.read(chars, offset, length);
          read += Math.max(n, 0);
          if (read > MAX_TEMPLATE_CHARS) {
            throw new IOException("longer than " + MAX_TEMPLATE_CHARS + " characters; a"
                + " template may be at most " + MAX_TEMPLATE_CHARS + " (1 Mi)");
          }
          return n;
        }
      };
    }

    @Override
    public void closeTemplateSource(Object source) throws IOException {
      loader.closeTemplateSource(source);
    }
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

  /** The shipped templates of the installation, {@code -Dvaxel.home}, if there are any. */
  private static Optional<Path> installed() {
    // Not ./templates: output must not depend on the directory vaxel is run from, or apply
    // and check run from different places would disagree about the dialplan.
    return Optional.ofNullable(System.getProperty("vaxel.home"))
        .map(home -> Path.of(home, "templates"))
        .filter(Files::isDirectory)
        .map(dir -> dir.toAbsolutePath().normalize());
  }

  private static FileTemplateLoader fileLoader(Path dir) {
    try {
      return new FileTemplateLoader(dir.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read templates directory " + dir, e);
    }
  }

  private static Configuration configure(TemplateLoader loader) {
    Configuration c = new Checked();
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
