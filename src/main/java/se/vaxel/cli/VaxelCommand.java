package se.vaxel.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "vaxel",
    mixinStandardHelpOptions = true,
    versionProvider = VaxelCommand.Version.class,
    description = {
        "Makes the telephony and absence rules of a Swedish public organisation true on an "
            + "Asterisk PBX, from one staff.yaml.",
    },
    subcommands = {
        ValidateCommand.class,
        GenerateCommand.class,
        GreetingCommand.class,
        PlanCommand.class,
        ApplyCommand.class,
        AbsenceCommand.class,
        CheckCommand.class,
        ServeCommand.class,
        UserCommand.class,
        // 'vaxel help [COMMAND]', as git and systemctl users expect.
        HelpCommand.class,
    })
public final class VaxelCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  /** Read by {@link ConfigDefaults}, before any subcommand's defaults are filled in. */
  @Option(names = ConfigDefaults.OPTION, paramLabel = "FILE",
      description = "The site's defaults for options (default: $VAXEL_CONFIG, else "
          + "/etc/vaxel/vaxel.properties when vaxel is installed); options given win. "
          + "See docs/install.md.")
  java.nio.file.Path config;

  final CliContext context;

  VaxelCommand(CliContext context) {
    this.context = context;
  }

  /**
   * No subcommand is a usage error, as with git: the usage goes to stderr and the exit code
   * says the command line was wrong, so a script that forgot its subcommand does not pass.
   */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCode.BAD_INPUT.code();
  }

  public static String version() {
    try (InputStream in = VaxelCommand.class.getResourceAsStream("/vaxel-version.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "dev");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"vaxel " + version(), "Java " + System.getProperty("java.version")};
    }
  }
}
