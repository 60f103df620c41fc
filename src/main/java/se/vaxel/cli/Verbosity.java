package se.vaxel.cli;

import java.util.Locale;
import picocli.CommandLine.Option;
import se.vaxel.progress.Progress;

/**
 * -q, -v and --log-level, on every command through this one mixin (a new command adds
 * {@code @Mixin Verbosity verbosity;}). It sets slf4j-simple's level as the options are parsed,
 * before the command runs and before the libraries create their loggers (slf4j-simple reads a
 * logger's level when the logger is made), and decides whether progress is shown.
 */
public final class Verbosity {
  /** slf4j-simple's levels. */
  public enum Level {
    OFF, ERROR, WARN, INFO, DEBUG, TRACE;

    String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The levels as slf4j-simple spells them, for help and shell completion. */
  static final class Levels extends java.util.ArrayList<String> {
    Levels() {
      super(java.util.Arrays.stream(Level.values()).map(Level::key).toList());
    }
  }

  /** Any case, as slf4j-simple itself reads its level. */
  static final class LevelConverter implements picocli.CommandLine.ITypeConverter<Level> {
    @Override
    public Level convert(String value) {
      try {
        return Level.valueOf(value.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.TypeConversionException("'" + value
            + "' is not a log level; use one of " + String.join(", ", new Levels()));
      }
    }
  }

  static final String DEFAULT_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";

  private boolean quiet;
  private int verbose;
  private Level level;

  /** The command this mixin is part of, to see what was given before the subcommand. */
  @picocli.CommandLine.Spec(picocli.CommandLine.Spec.Target.MIXEE)
  picocli.CommandLine.Model.CommandSpec mixee;

  /** The root's own Verbosity ('vaxel -q generate'), or this one. */
  private Verbosity root() {
    if (mixee != null && mixee.root().userObject() instanceof VaxelCommand v
        && v.verbosity != null) {
      return v.verbosity;
    }
    return this;
  }

  @Option(names = {"-q", "--quiet"},
      description = "No progress bar, and log lines only for errors.")
  void quiet(boolean quiet) {
    this.quiet = quiet;
    apply();
  }

  @Option(names = {"-v", "--verbose"},
      description = "More on stderr: log lines from info (-v) or debug (-vv) up; check "
          + "also prints its timings and AMI round trips.")
  void verbose(boolean[] verbose) {
    this.verbose = verbose.length;
    apply();
  }

  @Option(names = "--log-level", paramLabel = "LEVEL", converter = LevelConverter.class,
      completionCandidates = Levels.class,
      description = "The level of log lines on stderr: ${COMPLETION-CANDIDATES} "
          + "(default: warn); wins over -q and -v.")
  void logLevel(Level level) {
    this.level = level;
    apply();
  }

  /** Whether -v was given: a command may then say more of what it did on stderr. */
  public boolean verbose() {
    return verbose > 0 || root().verbose > 0;
  }

  /** The level the options ask for. */
  public Level level() {
    if (level != null) {
      return level;
    }
    if (quiet) {
      return Level.ERROR;
    }
    return switch (verbose) {
      case 0 -> Level.WARN;
      case 1 -> Level.INFO;
      default -> Level.DEBUG;
    };
  }

  private void apply() {
    System.setProperty(DEFAULT_LEVEL, level().key());
  }

  /**
   * A progress bar on stderr when stderr is a terminal and -q was not given; nothing otherwise,
   * so that logs, pipes and cron mails get no carriage returns.
   */
  public Progress.Factory progress(CliContext context) {
    if (quiet || root().quiet || !context.errTerminal()) {
      return Progress.Factory.NONE;
    }
    int columns = 80;
    try {
      columns = Integer.parseInt(context.env().getOrDefault("COLUMNS", "80").strip());
    } catch (NumberFormatException e) {
      // a COLUMNS that is not a number: the classic width
    }
    return new ProgressBars(context.err(), Math.max(40, columns));
  }
}
