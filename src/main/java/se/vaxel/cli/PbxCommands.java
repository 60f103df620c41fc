package se.vaxel.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import se.vaxel.ami.AmiClient;
import se.vaxel.ami.AmiSettings;
import se.vaxel.generate.Rendering;
import se.vaxel.model.Staff;
import se.vaxel.pbx.ConfDir;
import se.vaxel.pbx.Deployment;
import se.vaxel.staff.StaffException;
import se.vaxel.staff.StaffLoader;

/** What plan and apply share: staff.yaml loaded and rendered, then the PBX connected. */
final class PbxCommands {
  private PbxCommands() {}

  /** staff.yaml is checked before the PBX is contacted, so bad input never costs a login. */
  static Staff load(StaffOptions options) throws StaffException, IOException {
    return new StaffLoader().load(options.file);
  }

  static AmiClient connect(CliContext context, AmiOptions options) {
    return connect(context, options.settings(context));
  }

  static AmiClient connect(CliContext context, AmiSettings settings) {
    return context.ami().open(settings);
  }

  /**
   * What apply needs to reach the PBX again: the same settings, with a longer list timeout for
   * reloads.
   */
  static Deployment.Link link(CliContext context, AmiSettings settings) {
    return new Deployment.Link() {
      @Override
      public AmiClient open(Duration listTimeout) {
        return context.ami().open(settings.withTimeouts(settings.actionTimeout(), listTimeout));
      }

      @Override
      public Duration listTimeout() {
        return settings.listTimeout();
      }
    };
  }

  static Deployment deployment(Staff staff, StaffOptions options, Path confDir, AmiClient ami,
      Deployment.Link link) {
    if (!java.nio.file.Files.isDirectory(confDir)) {
      throw new VaxelException(ExitCode.BAD_INPUT,
          "--asterisk-conf-dir " + confDir + " is not a directory");
    }
    return new Deployment(staff,
        Rendering.of(options.templates, VaxelCommand.version()).asterisk().render(staff),
        new ConfDir(confDir), ami, link);
  }
}
