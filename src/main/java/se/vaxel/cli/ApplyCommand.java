package se.vaxel.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import se.vaxel.ami.AmiClient;
import se.vaxel.ami.AmiSettings;
import se.vaxel.pbx.Deployment;
import se.vaxel.progress.Progress;

@Command(name = "apply", mixinStandardHelpOptions = true,
    exitCodeListHeading = ExitCode.HEADING,
    exitCodeList = {ExitCode.Key.OK, ExitCode.Key.BAD_INPUT, ExitCode.Key.PBX_UNREACHABLE, ExitCode.Key.INTERNAL},
    header = "Brings the PBX to what staff.yaml generates, verified over AMI.",
    description = {
        "Writes the generated voicemail.conf and extensions.conf into DIR/vaxel/ "
            + "(keeping the previous version in DIR/vaxel/previous/), includes them once "
            + "from DIR's own files, reloads app_voicemail and the dialplan, and verifies "
            + "over AMI that they are loaded; if not, restores the previous files and "
            + "reloads again. Publishes absences as presence (CustomPresence:<extension>). "
            + "Applying twice changes nothing the second time.",
        "Files keep their owner, group and mode; new ones take those of the file "
            + "including them. One apply at a time (DIR/vaxel/lock); a killed apply is "
            + "completed by the next.",
        "Exit 0 when the PBX has what staff.yaml generates, 3 when it could not be "
            + "made so; the message then says what state the PBX is in. With a platform "
            + "file, applies every organisation (or the one --org names), each in "
            + "DIR/vaxel/<id>/, with one reload; an organisation that fails is put back "
            + "alone and the message says which are applied. See docs/apply.md."})
final class ApplyCommand implements Callable<Integer> {
  @ParentCommand VaxelCommand root;
  @Mixin StaffOptions staffOptions;
  @Mixin Verbosity verbosity;
  @Mixin AmiOptions amiOptions;

  @Mixin DeployOptions deploy;

  @Override
  public Integer call() throws Exception {
    PbxCommands.Selection selection = PbxCommands.select(staffOptions);
    AmiSettings settings = amiOptions.settings(root.context);
    try (AmiClient ami = PbxCommands.connect(root.context, settings)) {
      Deployment.Applied applied;
      // No count to show: the time it has taken, so that a long apply is seen to be working.
      try (Progress waiting = verbosity.progress(root.context).start("Applying", -1)) {
        applied = PbxCommands.deployment(selection, staffOptions, deploy.confDir, ami,
            PbxCommands.link(root.context, settings)).apply(root.context.clock().instant());
      }
      // A reload can happen with nothing left to change: finishing a killed apply's journal.
      if (applied.nothingChanged() && !applied.reloaded()) {
        root.context.out().printf("Nothing to change: %s already has what %s generates (%s).%n",
            "the PBX", staffOptions.file, PlanPrinter.fingerprints(applied.plans()));
      } else {
        new PlanPrinter(root.context.out(), deploy.all).print(applied.plans());
        root.context.out().printf("Applied%s: the PBX now has %s.%n",
            applied.reloaded() ? ", reloaded and verified" : "",
            PlanPrinter.fingerprints(applied.plans()));
      }
      return ExitCode.OK.code();
    }
  }
}
