package se.vaxel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command's --help: its own exit codes, and wrapping left to picocli. */
class HelpTest {

  /** Every command of the tree by qualified name ("vaxel absence set"), the root first. */
  private static Map<String, CommandLine> commands() {
    Map<String, CommandLine> all = new LinkedHashMap<>();
    collect(Main.commandLine(Main.context(new java.io.PrintWriter(new java.io.StringWriter()),
        new java.io.PrintWriter(new java.io.StringWriter()), Map.of(), Clock.systemUTC())), all);
    return all;
  }

  private static void collect(CommandLine cl, Map<String, CommandLine> all) {
    all.put(cl.getCommandSpec().qualifiedName(), cl);
    cl.getSubcommands().values().forEach(sub -> collect(sub, all));
  }

  /** The exit codes a command's rendered help lists. */
  private static Set<Integer> listedCodes(CommandLine cl) {
    String help = cl.getUsageMessage(CommandLine.Help.Ansi.OFF);
    String codes = help.substring(help.indexOf("Exit codes:"));
    return codes.lines().skip(1)
        .filter(l -> l.matches("\\s+\\d+\\s+\\S.*"))
        .map(l -> Integer.parseInt(l.strip().split("\\s+")[0]))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  void everyCommandDeclaresItsOwnCodesFromTheOneTable() {
    Set<String> table = Arrays.stream(ExitCode.values())
        .map(c -> String.valueOf(c.code())).collect(Collectors.toSet());
    for (CommandLine cl : commands().values()) {
      if (cl.getCommandSpec().parent() == null
          || cl.getCommand() instanceof CommandLine.HelpCommand) {
        continue;
      }
      var declared = cl.getCommandSpec().userObject().getClass()
          .getAnnotation(CommandLine.Command.class).exitCodeList();
      String name = cl.getCommandSpec().qualifiedName();
      assertTrue(declared.length > 0, () -> name + " declares no exitCodeList");
      for (String key : declared) {
        assertTrue(table.contains(key), () -> name + ": '" + key + "' is not in cli.ExitCode");
      }
    }
  }

  @Test
  void theRootListsTheWholeTable() {
    Set<Integer> all = Arrays.stream(ExitCode.values()).map(ExitCode::code)
        .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(all, listedCodes(commands().get("vaxel")));
  }

  @Test
  void commandsThatNeverReachThePbxListNeitherFindingsNorThePbx() {
    Map<String, CommandLine> all = commands();
    for (String name : List.of("vaxel validate", "vaxel generate", "vaxel greeting")) {
      assertEquals(Set.of(0, 2, 4), listedCodes(all.get(name)), name);
    }
    // Only plan and check report something to change or to fix with 1.
    assertEquals(Set.of(0, 2, 3, 4), listedCodes(all.get("vaxel apply")));
    assertEquals(Set.of(0, 2, 3, 4), listedCodes(all.get("vaxel absence set")));
    assertEquals(Set.of(0, 1, 2, 3, 4), listedCodes(all.get("vaxel plan")));
    assertEquals(Set.of(0, 2), listedCodes(all.get("vaxel help")));
  }

  @Test
  void aCommandsCodesCarryTheTablesMeaning() {
    String help = commands().get("vaxel generate").getUsageMessage(CommandLine.Help.Ansi.OFF);
    assertTrue(help.contains(ExitCode.BAD_INPUT.meaning()), help);
    assertFalse(help.contains("the PBX could not be reached"), help);
  }

  /** Tokens of a text: what lies between white space. */
  private static Set<String> tokens(String text) {
    return new HashSet<>(Arrays.asList(text.strip().split("\\s+")));
  }

  /**
   * Whether {@code piece}, a token of the narrow help that the unwrapped help lacks, is a word
   * cut between two letters or digits ("identi" of "identifier"), or no part of the help at
   * all. The JDK's line breaker, which picocli uses, may also break after a '.' or ':' or
   * before a '[' ("staff." "yaml"); that is its rule for prose, not a cut word, and the test
   * lets it pass.
   */
  private static boolean splitsAWord(String piece, Set<String> words) {
    boolean partOfOne = false;
    for (String w : words) {
      int at = w.indexOf(piece);
      if (at < 0) {
        continue;
      }
      partOfOne = true;
      int end = at + piece.length();
      boolean cutAfter = end < w.length()
          && Character.isLetterOrDigit(w.charAt(end - 1))
          && Character.isLetterOrDigit(w.charAt(end));
      boolean cutBefore = at > 0
          && Character.isLetterOrDigit(w.charAt(at - 1))
          && Character.isLetterOrDigit(w.charAt(at));
      if (!cutAfter && !cutBefore) {
        return false;
      }
    }
    return true;
  }

  @Test
  void helpIsWrappedByPicocliAtWordBoundaries() {
    List<String> problems = new ArrayList<>();
    for (int width : new int[] {80, 60}) {
      for (Map.Entry<String, CommandLine> e : commands().entrySet()) {
        CommandLine cl = e.getValue();
        // Unwrapped: wide enough that no line of the help is broken at all.
        cl.setUsageHelpWidth(1000);
        Set<String> words = tokens(cl.getUsageMessage(CommandLine.Help.Ansi.OFF));
        cl.setUsageHelpWidth(width);
        String narrow = cl.getUsageMessage(CommandLine.Help.Ansi.OFF);
        List<String> split = new ArrayList<>();
        for (String t : tokens(narrow)) {
          if (!words.contains(t) && splitsAWord(t, words)) {
            split.add(t);
          }
        }
        if (!split.isEmpty()) {
          problems.add(e.getKey() + " at " + width + " columns splits words: " + split);
        }
        for (String line : narrow.lines().toList()) {
          if (line.length() > width) {
            problems.add(e.getKey() + " at " + width + " columns: too long: " + line);
          }
        }
      }
    }
    assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
  }

  /**
   * A description element is a paragraph that picocli wraps, never a line wrapped by hand: it
   * ends where a sentence or a list item ends, not in the middle of one.
   */
  @Test
  void descriptionsAreParagraphsNotHandWrappedLines() {
    List<String> handWrapped = new ArrayList<>();
    for (Map.Entry<String, CommandLine> e : commands().entrySet()) {
      var usage = e.getValue().getCommandSpec().usageMessage();
      List<String> parts = new ArrayList<>(Arrays.asList(usage.description()));
      parts.addAll(Arrays.asList(usage.header()));
      for (var option : e.getValue().getCommandSpec().options()) {
        parts.addAll(Arrays.asList(option.description()));
      }
      for (var param : e.getValue().getCommandSpec().positionalParameters()) {
        parts.addAll(Arrays.asList(param.description()));
      }
      for (String part : parts) {
        String p = part.strip().replaceAll("(%n)+$", "");
        if (!(p.isEmpty() || p.matches("(?s).*[.:!?)]") || part.startsWith("  "))) {
          handWrapped.add(e.getKey() + ": '" + part + "'");
        }
      }
    }
    assertTrue(handWrapped.isEmpty(), () -> "lines that end mid-sentence (wrapped by hand?):\n"
        + String.join("\n", handWrapped));
  }
}
