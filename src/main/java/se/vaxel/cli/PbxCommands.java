package se.vaxel.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import se.vaxel.ami.AmiClient;
import se.vaxel.ami.AmiSettings;
import se.vaxel.generate.Rendering;
import se.vaxel.model.Platform;
import se.vaxel.model.Staff;
import se.vaxel.pbx.ConfDir;
import se.vaxel.pbx.AnnouncementSounds;
import se.vaxel.pbx.PhraseSounds;
import se.vaxel.pbx.TemporaryGreetings;
import se.vaxel.pbx.Deployment;
import se.vaxel.staff.StaffException;

/** What plan and apply share: the staff files loaded and rendered, then the PBX connected. */
final class PbxCommands {
  private PbxCommands() {}

  /**
   * What -f names, narrowed by --org, with the platform's other organisations: checked before
   * the PBX is contacted, so bad input never costs a login. The staff files are read once.
   */
  record Selection(Platform selected, List<Staff> others) {}

  static Selection select(StaffOptions options) throws StaffException, IOException {
    Platform selected = options.platform();
    Set<String> ids = Set.copyOf(selected.ids());
    List<Staff> others = options.wholePlatform().organisations().stream()
        .filter(s -> !ids.contains(s.organisation().id())).toList();
    return new Selection(selected, others);
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

  static Deployment deployment(Selection selection, StaffOptions options, Path confDir,
      AmiClient ami, Deployment.Link link) {
    if (!java.nio.file.Files.isDirectory(confDir)) {
      throw new VaxelException(ExitCode.BAD_INPUT,
          "--asterisk-conf-dir " + confDir + " is not a directory");
    }
    Rendering rendering = Rendering.of(options.templates, VaxelCommand.version());
    List<Deployment.Target> targets = selection.selected().organisations().stream()
        .map(s -> new Deployment.Target(s, rendering.asterisk().render(s)))
        .toList();
    return new Deployment(targets, selection.others(), new ConfDir(confDir), ami, link)
        .withSounds(List.of(new AnnouncementSounds(rendering.asterisk().announcements()),
            new PhraseSounds(rendering.asterisk().phraseKit()),
            // Last: its work is after the reload, and a failure must not keep the others'.
            new TemporaryGreetings(rendering.asterisk().announcements(), rendering.texts())));
  }
}
