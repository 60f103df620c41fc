package se.vaxel.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import se.vaxel.model.Staff;
import se.vaxel.staff.StaffLoader;

@Command(name = "validate", mixinStandardHelpOptions = true,
    header = "Checks staff.yaml and reports every problem at once.",
    description = "Checks staff.yaml and reports every problem as FILE:LINE:COLUMN: message.")
final class ValidateCommand implements Callable<Integer> {
  @ParentCommand VaxelCommand root;
  @Mixin StaffOptions staffOptions;

  @Override
  public Integer call() throws Exception {
    Staff staff = new StaffLoader().load(staffOptions.file);
    long mailboxes = staff.people().stream().filter(p -> p.hasExtension()).count();
    root.context.out().printf("%s: ok, %d people, %d with an extension%n",
        staffOptions.file, staff.people().size(), mailboxes);
    return ExitCode.OK.code();
  }
}
