package se.vaxel.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import se.vaxel.generate.GenerateService;
import se.vaxel.generate.Generator;
import se.vaxel.model.Platform;
import se.vaxel.output.OutputWriter;
import se.vaxel.output.WriteResult;

@Command(name = "generate", mixinStandardHelpOptions = true,
    exitCodeListHeading = ExitCode.HEADING,
    exitCodeList = {ExitCode.Key.OK, ExitCode.Key.BAD_INPUT, ExitCode.Key.INTERNAL},
    header = "Generates the texts, the Asterisk configuration and the switchboard's sheet.",
    description = {
        "Generates every person's greeting script, answering phrase, e-mail signature "
            + "and, for current or upcoming absences, out-of-office text and absence "
            + "greeting; the Asterisk voicemail boxes and dialplan; and the switchboard's "
            + "sheet.",
        "",
        "The output directory must be new, empty, or one generate wrote before (it "
            + "has a .vaxel-manifest); there generate touches only the files it wrote, and "
            + "refuses a file in the way or a symbolic link. Unchanged files are left "
            + "untouched; a run that is killed leaves the old files or the new ones, never "
            + "a mix, once the next run has tidied up. See docs/output.md.",
        "",
        "With a platform file (-f platform.yaml) each organisation's tree goes under "
            + "DIR/<organisation id>/, and DIR/switchboard.html is one sheet for the whole "
            + "platform. --org ID generates that organisation alone, in the layout of a "
            + "lone staff file: give it a directory of its own (-o out-ID)."})
final class GenerateCommand implements Callable<Integer> {
  @ParentCommand VaxelCommand root;
  @Mixin StaffOptions staffOptions;
  @Mixin Verbosity verbosity;

  @Option(names = {"-o", "--out"}, paramLabel = "DIR", defaultValue = "out",
      description = "Output directory (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--date", paramLabel = "YYYY-MM-DD",
      description = "The day that decides which absences are current "
          + "(default: today in the organisation's time zone).")
  Optional<LocalDate> date = Optional.empty();

  /**
   * With --org, the organisation alone in a lone staff file's layout: the platform's tree is
   * one manifest (docs/output.md), and a run that wrote one organisation's part of it would
   * have to delete the others'.
   */
  private Platform platform() throws Exception {
    Platform platform = staffOptions.platform();
    if (staffOptions.org.isEmpty()) {
      return platform;
    }
    refuseThePlatformsTree();
    return Platform.of(platform.organisations().get(0));
  }

  /**
   * --org into the directory that holds the whole platform's tree would write one
   * organisation's layout over it and, by the manifest's rules, delete every other
   * organisation's files and the platform's sheet: refused before anything is written.
   */
  private void refuseThePlatformsTree() throws Exception {
    Set<String> others = new HashSet<>(staffOptions.wholePlatform().ids());
    others.remove(staffOptions.org.get());
    boolean platformsTree = OutputWriter.writtenIn(out).stream()
        .anyMatch(f -> f.indexOf('/') > 0 && others.contains(f.substring(0, f.indexOf('/'))));
    if (platformsTree) {
      throw new VaxelException(ExitCode.BAD_INPUT, out + " holds the whole platform's output "
          + "(generate -f " + staffOptions.file + "); --org writes " + staffOptions.org.get()
          + " alone in a lone staff file's layout and would delete the other organisations'"
          + " files there; give it a directory of its own (-o " + out + "-"
          + staffOptions.org.get() + ")");
    }
  }

  @Override
  public Integer call() throws Exception {
    GenerateService.Result r = new GenerateService(root.context.clock(), VaxelCommand.version())
        .run(platform(), out, date, staffOptions.templates, verbosity.progress(root.context));
    Generator.Generated g = r.generated();
    WriteResult w = r.written();
    root.context.out().printf(
        "Generated %d people, %d mailboxes, %d current absences for %s into %s: "
            + "%d files written, %d unchanged, %d removed.%n",
        g.people(), g.mailboxes(), g.currentAbsences(), r.date(), out, w.written(),
        w.unchanged(), w.removed());
    return ExitCode.OK.code();
  }
}
