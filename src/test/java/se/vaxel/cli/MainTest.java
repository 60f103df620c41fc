package se.vaxel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MainTest {

  @Test
  void helpListsTheSubcommandsAndEveryExitCode() {
    Cli.Run r = Cli.run("--help");

    assertEquals(0, r.code(), r::toString);
    for (String command : List.of("validate", "generate", "greeting")) {
      assertTrue(r.out().lines().anyMatch(l -> l.startsWith("  " + command + " ")),
          () -> command + " is not listed:\n" + r);
    }
    assertTrue(r.out().contains("Exit codes:"), r::toString);
    for (ExitCode c : ExitCode.values()) {
      assertTrue(r.out().lines().anyMatch(l -> l.matches("\\s*" + c.code() + "\\s+\\S.*")),
          () -> "exit code " + c.code() + " is not listed:\n" + r);
    }
    assertTrue(r.out().contains("bad input"), r::toString);
  }

  @Test
  void helpSummarisesEachSubcommandInACompleteSentence() {
    // picocli lists a command by its header, else by the first line of its description.
    Map<String, String> summaries = commandSummaries(Cli.run("--help").out());

    for (String command : List.of("validate", "generate", "greeting")) {
      String summary = summaries.getOrDefault(command, "");
      assertTrue(summary.endsWith("."),
          () -> command + " summary cut off mid-sentence: '" + summary + "'");
    }
  }

  @Test
  void everySubcommandHelpListsTheExitCodes() {
    for (String command : List.of("validate", "generate", "greeting")) {
      Cli.Run r = Cli.run(command, "--help");

      assertEquals(0, r.code(), r::toString);
      assertTrue(r.out().contains("Exit codes:") && r.out().contains("internal error"),
          () -> command + " --help lacks the exit codes:\n" + r);
    }
  }

  @Test
  void versionNamesVaxelAndTheBuiltVersion() {
    Cli.Run r = Cli.run("--version");

    assertEquals(0, r.code(), r::toString);
    String first = r.out().lines().findFirst().orElse("");
    assertTrue(first.matches("vaxel \\d+\\.\\d+\\.\\d+\\S*"), () -> "not a version: " + first);
    assertFalse(r.out().contains("${"), "the version resource was not filtered");
  }

  @Test
  void everySubcommandPrintsTheSameVersion() {
    String version = Cli.run("--version").out();
    for (String[] command : List.of(new String[] {"validate"}, new String[] {"generate"},
        new String[] {"greeting"}, new String[] {"plan"}, new String[] {"apply"},
        new String[] {"absence"}, new String[] {"absence", "set"}, new String[] {"check"})) {
      List<String> args = new java.util.ArrayList<>(List.of(command));
      args.add("--version");
      Cli.Run r = Cli.run(args.toArray(String[]::new));

      assertEquals(0, r.code(), r::toString);
      assertTrue(r.out().startsWith("vaxel "), () -> args + " printed no version:\n" + r);
      assertEquals(version, r.out(), () -> args.toString());
    }
  }

  @Test
  void withoutSubcommandIsAUsageErrorWithTheUsageOnStderr() {
    Cli.Run r = Cli.run();

    assertEquals(ExitCode.BAD_INPUT.code(), r.code(), r::toString);
    assertTrue(r.err().startsWith("Usage: vaxel"), r::toString);
    assertEquals("", r.out(), r::toString);
  }

  @Test
  void helpCommandShowsTheToolsAndASubcommandsHelp() {
    Cli.Run all = Cli.run("help");
    Cli.Run generate = Cli.run("help", "generate");

    assertEquals(0, all.code(), all::toString);
    assertTrue(all.out().startsWith("Usage: vaxel"), all::toString);
    assertTrue(all.out().lines().anyMatch(l -> l.startsWith("  help ")), all::toString);
    assertEquals(0, generate.code(), generate::toString);
    assertEquals(Cli.run("generate", "--help").out(), generate.out());
    assertTrue(generate.out().contains("Usage: vaxel generate"), generate::toString);
  }

  @Test
  void unknownSubcommandIsBadInputWithAHint() {
    Cli.Run r = Cli.run("genrate");

    assertEquals(2, r.code(), r::toString);
    assertTrue(r.err().contains("generate"), () -> "no suggestion:\n" + r);
    assertTrue(r.err().contains("--help"), r::toString);
  }

  @Test
  void unknownOptionIsBadInput() {
    Cli.Run r = Cli.run("validate", "--no-such-option");

    assertEquals(2, r.code(), r::toString);
    assertTrue(r.err().contains("--no-such-option"), r::toString);
  }

  /** The "Commands:" section of the help: name to summary, wrapped lines joined. */
  private static Map<String, String> commandSummaries(String help) {
    Map<String, String> summaries = new LinkedHashMap<>();
    String current = null;
    boolean inCommands = false;
    for (String line : help.split("\n")) {
      if (line.equals("Commands:")) {
        inCommands = true;
      } else if (inCommands && line.isBlank()) {
        break;
      } else if (inCommands && line.matches("  \\S+\\s+\\S.*")) {
        String[] parts = line.trim().split("\\s+", 2);
        current = parts[0];
        summaries.put(current, parts[1]);
      } else if (inCommands && current != null) {
        summaries.merge(current, " " + line.trim(), String::concat);
      }
    }
    return summaries;
  }
}
