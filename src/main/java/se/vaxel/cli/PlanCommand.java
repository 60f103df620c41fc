package se.vaxel.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import se.vaxel.ami.AmiClient;
import se.vaxel.ami.AmiSettings;
import java.util.List;
import se.vaxel.pbx.Plan;

@Command(name = "plan", mixinStandardHelpOptions = true,
    exitCodeListHeading = ExitCode.HEADING,
    exitCodeList = {ExitCode.Key.OK, ExitCode.Key.FINDINGS, ExitCode.Key.BAD_INPUT,
        ExitCode.Key.PBX_UNREACHABLE, ExitCode.Key.INTERNAL},
    header = "Shows what apply would change on the PBX.",
    description = {
        "Shows what 'vaxel apply' would change on the PBX: files in the Asterisk "
            + "configuration directory, mailboxes, the dialplan, presence and expired live "
            + "absences; with a platform file, organisation by organisation.",
        "Exit 0 when nothing would change, 1 when something would."})
final class PlanCommand implements Callable<Integer> {
  @ParentCommand VaxelCommand root;
  @Mixin StaffOptions staffOptions;
  @Mixin Verbosity verbosity;
  @Mixin AmiOptions amiOptions;

  @Mixin DeployOptions deploy;

  @Option(names = "--diff",
      description = "Also print a unified diff (diff -u) of each file apply would write in the "
          + "Asterisk configuration directory; mailbox PINs and other secrets are masked.")
  boolean diff;

  @Override
  public Integer call() throws Exception {
    PbxCommands.Selection selection = PbxCommands.select(staffOptions);
    AmiSettings settings = amiOptions.settings(root.context);
    try (AmiClient ami = PbxCommands.connect(root.context, settings)) {
      List<Plan> plans = PbxCommands.deployment(selection, staffOptions, deploy.confDir, ami,
          PbxCommands.link(root.context, settings))
          .plan(root.context.clock().instant());
      if (plans.stream().allMatch(Plan::isEmpty)) {
        root.context.out().printf("Nothing to change: %s has what %s generates (%s).%n",
            "the PBX", staffOptions.file, PlanPrinter.fingerprints(plans));
        plans.forEach(p -> p.warnings().forEach(
            w -> root.context.out().println("Warning: " + w)));
        return ExitCode.OK.code();
      }
      new PlanPrinter(root.context.out(), deploy.all, diff).print(plans);
      root.context.out().println("Run 'vaxel apply' with the same options to make these changes.");
      return ExitCode.FINDINGS.code();
    }
  }
}
