package se.vaxel.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import se.vaxel.compliance.Finding;
import se.vaxel.compliance.Severity;

class TextFormatterTest {
  @Test
  void colourOnlyWhenAsked() {
    assertFalse(Format.TEXT.render(Fixtures.report()).contains("\u001b"));
    assertTrue(Format.TEXT.render(Fixtures.report().withColour(true)).contains("\u001b[31m"));
  }

  @Test
  void aCleanCompleteRunEndsCompliant() {
    String text = Format.TEXT.render(Fixtures.report(List.of(), List.of()));

    assertTrue(text.endsWith("\nCompliant: 3 people checked against 6 rules, no findings.\n"),
        text);
  }

  @Test
  void anIncompleteRunIsNeverCompliant() {
    String text = Format.TEXT.render(Fixtures.report(List.of(), List.of(Fixtures.INCOMPLETE)));

    assertTrue(text.contains("\nCould not check: " + Fixtures.INCOMPLETE + "\n"), text);
    assertTrue(text.endsWith("\nNot compliant: no findings, but the check was incomplete.\n"),
        text);
  }

  @Test
  void countsAreSingularWhereThereIsOne() {
    String text = Format.TEXT.render(Fixtures.report(List.of(Fixtures.BO_MISSING), List.of()));

    assertTrue(text.endsWith("\n1 error, 0 warnings in 1 person.\n"), text);
  }

  @Test
  void findingsAreGroupedThePbxFirstThenPeopleThenOrphans() {
    Report interleaved = Fixtures.report(List.of(Fixtures.ORPHAN, Fixtures.ANNA_NAME,
        Fixtures.STALE, Fixtures.BO_MISSING, Fixtures.ANNA_GREETING), List.of());

    String text = Format.TEXT.render(interleaved);

    int pbx = text.indexOf("\nThe PBX as a whole\n  error    DIALPLAN-STALE");
    int anna = text.indexOf("\nAnna Berg (anna.berg, ext. 2102)\n  warning  VM-NAME");
    int annaGreeting = text.indexOf("\n  error    GREETING-MISSING");
    int bo = text.indexOf("\nBo Lind (bo.lind, ext. 2103)\n");
    int orphans = text.indexOf("\nNobody in staff.yaml\n  warning  VM-ORPHAN         ext. 2199: ");
    assertTrue(0 < pbx && pbx < anna && anna < annaGreeting && annaGreeting < bo
        && bo < orphans, text);
  }

  @Test
  void someoneWithoutANameIsShownById() {
    Finding stranger = new Finding("VM-MISSING", Severity.ERROR, "x.y", "2999", "no mailbox");

    String text = Format.TEXT.render(Fixtures.report(List.of(stranger), List.of()));

    assertTrue(text.contains("\nx.y, ext. 2999\n"), text);
  }

  @Test
  void controlCharactersFromThePbxAreShownNotObeyed() {
    Finding evil = new Finding("VM-NAME", Severity.WARNING, "anna.berg", "2102",
        "name is \u001b[2JAnna");

    String text = Format.TEXT.render(Fixtures.report(List.of(evil), List.of()));

    assertFalse(text.contains("\u001b"), text);
    assertTrue(text.contains("name is \\x1b[2JAnna"), text);
  }
}
