package se.vaxel.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import se.vaxel.password.Argon2Hasher;
import se.vaxel.serve.Accounts;
import se.vaxel.serve.Role;

@Command(name = "user", mixinStandardHelpOptions = true,
    header = "The accounts of vaxel serve: add, list, remove.",
    description = {
        "The accounts of 'vaxel serve', in one file (mode 0600) with an Argon2id hash of each",
        "password. The password is asked on the terminal, or read as one line from standard",
        "input when that is not a terminal; never from the command line. See docs/serve.md."},
    subcommands = {UserCommand.Add.class, UserCommand.ListUsers.class, UserCommand.Remove.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:done",
        "2:bad input: name, role, staff id, password, or the accounts file",
        "4:internal error (a bug: please report it)"})
final class UserCommand implements Runnable {
  @ParentCommand VaxelCommand root;
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  /** Shortest password accepted: NIST SP 800-63B's minimum for chosen passwords. */
  static final int MIN_PASSWORD = 8;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  abstract static class Action implements Callable<Integer> {
    @ParentCommand UserCommand parent;

    @Option(names = "--accounts", paramLabel = "FILE", defaultValue = "/etc/vaxel/accounts",
        description = "The accounts file (default: ${DEFAULT-VALUE}).")
    Path file;

    Accounts read() {
      try {
        return Accounts.read(file);
      } catch (Accounts.BadFileException e) {
        throw new VaxelException(ExitCode.BAD_INPUT, e.getMessage());
      } catch (IOException e) {
        throw new VaxelException(ExitCode.BAD_INPUT, "cannot read " + file + ": "
            + e.getMessage());
      }
    }

    void write(Accounts accounts) {
      try {
        accounts.write(file);
      } catch (IOException e) {
        throw new VaxelException(ExitCode.BAD_INPUT, "cannot write " + file + ": "
            + e.getMessage() + "; run as a user who may write it (root or vaxel)");
      }
    }
  }

  @Command(name = "add", mixinStandardHelpOptions = true,
      description = "Adds an account, or sets the password and role of an existing one.")
  static final class Add extends Action {
    @Parameters(index = "0", paramLabel = "NAME", description = "The login name.")
    String name;

    @Option(names = "--role", paramLabel = "ROLE", required = true,
        description = "switchboard (the console: everyone) or staff (their own page only).")
    String role;

    @Option(names = "--staff-id", paramLabel = "ID",
        description = "The person's staff.yaml id (ORG/ID on a platform); required for staff.")
    String staffId;

    @Option(names = "--no-password",
        description = "An account for single sign-on only (serve --user-header): no password is "
            + "asked, and none logs it in.")
    boolean noPassword;

    @Override
    public Integer call() throws IOException {
      java.util.List<String> problems = new java.util.ArrayList<>();
      if (!Accounts.NAME.matcher(name).matches()) {
        problems.add("NAME '" + name + "': use lower-case letters, digits, '.', '_', '@' or "
            + "'-' (at most 64)");
      }
      Role r = null;
      try {
        r = Role.fromKey(role);
      } catch (IllegalArgumentException e) {
        problems.add("--role: " + e.getMessage());
      }
      String id = staffId == null ? "" : staffId;
      if (r == Role.STAFF && id.isEmpty()) {
        problems.add("--staff-id: a staff account needs the id of its person in staff.yaml");
      }
      if (!id.isEmpty() && !Accounts.STAFF_ID.matcher(id).matches()) {
        problems.add("--staff-id '" + id + "' is not a staff.yaml id");
      }
      if (!problems.isEmpty()) {
        throw new VaxelException(ExitCode.BAD_INPUT, String.join("\n", problems));
      }
      Accounts accounts = read();
      char[] password = noPassword ? new char[0] : password(parent.root.context);
      try {
        String hash = noPassword ? Accounts.NO_PASSWORD : new Argon2Hasher().hash(password);
        boolean existed = accounts.get(name).isPresent();
        write(accounts.with(new Accounts.Account(name, r, id, hash)));
        parent.root.context.out().println((existed ? "updated " : "added ") + name + " ("
            + r.key() + (id.isEmpty() ? "" : ", " + id) + ") in " + file);
      } finally {
        Arrays.fill(password, '\0');
      }
      return ExitCode.OK.code();
    }

    private char[] password(CliContext context) throws IOException {
      Console console = System.console();
      char[] password;
      if (console != null) {
        password = console.readPassword("Password for %s: ", name);
        char[] again = console.readPassword("Again: ");
        if (password == null || again == null || !Arrays.equals(password, again)) {
          throw new VaxelException(ExitCode.BAD_INPUT, "the two passwords differ; "
              + "nothing was changed");
        }
        Arrays.fill(again, '\0');
      } else {
        String line = new BufferedReader(new InputStreamReader(System.in,
            StandardCharsets.UTF_8)).readLine();
        if (line == null) {
          throw new VaxelException(ExitCode.BAD_INPUT, "no password on standard input; "
              + "give it as one line, or run on a terminal to be asked");
        }
        password = line.toCharArray();
      }
      if (password.length < MIN_PASSWORD) {
        throw new VaxelException(ExitCode.BAD_INPUT, "the password must be at least "
            + MIN_PASSWORD + " characters; nothing was changed");
      }
      return password;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "Lists the accounts: name, role, staff id (never the hashes).")
  static final class ListUsers extends Action {
    @Override
    public Integer call() {
      for (Accounts.Account a : read().accounts().values()) {
        parent.root.context.out().println(a.name() + "\t" + a.role().key() + "\t"
            + (a.staffId().isEmpty() ? "-" : a.staffId()));
      }
      return ExitCode.OK.code();
    }
  }

  @Command(name = "remove", mixinStandardHelpOptions = true,
      description = "Removes an account; a running vaxel serve notices within seconds.")
  static final class Remove extends Action {
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Override
    public Integer call() {
      Accounts accounts = read();
      if (accounts.get(name).isEmpty()) {
        throw new VaxelException(ExitCode.BAD_INPUT, "no account '" + name + "' in " + file
            + "; 'vaxel user list' shows them");
      }
      write(accounts.without(name));
      parent.root.context.out().println("removed " + name + " from " + file);
      return ExitCode.OK.code();
    }
  }
}
