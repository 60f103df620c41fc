package se.vaxel.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import se.vaxel.model.Platform;
import se.vaxel.model.Staff;
import se.vaxel.staff.PlatformLoader;

@Command(name = "validate", mixinStandardHelpOptions = true,
    exitCodeListHeading = ExitCode.HEADING,
    exitCodeList = {ExitCode.Key.OK, ExitCode.Key.BAD_INPUT, ExitCode.Key.INTERNAL},
    header = "Checks staff.yaml (or a platform file) and reports every problem at once.",
    description = {"Checks staff.yaml and reports every problem as FILE:LINE:COLUMN: message.",
        "Then prints warnings, FILE:LINE:COLUMN: warning: message, for what is allowed but"
            + " probably not meant (a contact for someone's calls without an extension, whose"
            + " calls then go to the switchboard); warnings do not change the exit code.",
        "Given a platform file, checks every organisation's staff file and what must be unique"
            + " across them, and says per organisation what it found."})
final class ValidateCommand implements Callable<Integer> {
  @ParentCommand VaxelCommand root;
  @Mixin StaffOptions staffOptions;
  @Mixin Verbosity verbosity;

  @Override
  public Integer call() throws Exception {
    PlatformLoader.Loaded loaded = staffOptions.loaded();
    Platform platform = loaded.platform();
    PrintWriter out = root.context.out();
    if (!platform.fromPlatformFile()) {
      // A lone staff file says what it always said, and then its warnings.
      out.printf("%s: ok, %s%n", staffOptions.file, counts(platform.organisations().get(0)));
      warnings(loaded, out);
      return ExitCode.OK.code();
    }
    int n = platform.organisations().size();
    out.printf("%s: ok, %s, %d organisation%s%n", staffOptions.file, platform.name(), n,
        n == 1 ? "" : "s");
    int width = platform.ids().stream().mapToInt(String::length).max().orElse(0);
    for (Staff staff : platform.organisations()) {
      out.printf("  %-" + width + "s  %s: %s%n", staff.organisation().id(),
          staff.organisation().name(), counts(staff));
    }
    long people = platform.members().size();
    long extensions = platform.members().stream().filter(m -> m.person().hasExtension()).count();
    out.printf("  total: %d people, %d with an extension%n", people, extensions);
    warnings(loaded, out);
    return ExitCode.OK.code();
  }

  /** Each warning on a line of its own, FILE:LINE:COL: warning: ..., after the summary. */
  private static void warnings(PlatformLoader.Loaded loaded, PrintWriter out) {
    loaded.all().forEach(w -> out.println(w));
  }

  private static String counts(Staff staff) {
    long extensions = staff.people().stream().filter(p -> p.hasExtension()).count();
    return staff.people().size() + " people, " + extensions + " with an extension";
  }
}
