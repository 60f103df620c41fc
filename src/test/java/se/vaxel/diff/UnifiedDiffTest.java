package se.vaxel.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.AbstractDelta;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Setting aside the lines only one text has keeps the diff a correct one (it patches the old
 * text into the new) and as small as Myers' own on the whole texts.
 */
class UnifiedDiffTest {
  @Test
  void aRenameIsOneChangeWithItsContext() {
    UnifiedDiff.FileDiff d = UnifiedDiff.of("vaxel/a/voicemail.conf",
        Optional.of("[vm]\n1 => ,Anna,a@x.se\n2 => ,Bo,b@x.se\n"),
        "[vm]\n1 => ,Annika,a@x.se\n2 => ,Bo,b@x.se\n");
    assertEquals(List.of("--- a/vaxel/a/voicemail.conf", "+++ b/vaxel/a/voicemail.conf",
        "@@ -1,3 +1,3 @@", " [vm]", "-1 => ,Anna,a@x.se", "+1 => ,Annika,a@x.se",
        " 2 => ,Bo,b@x.se"), d.lines());
    assertEquals(1, d.added());
    assertEquals(1, d.removed());
    assertEquals(List.of(), UnifiedDiff.of("f", Optional.of("x\n"), "x\n").lines());
  }

  @Test
  void randomTextsArePatchedExactlyWithAsFewLinesAsMyersOnTheWholeTexts() throws Exception {
    Random random = new Random(13);
    for (int round = 0; round < 300; round++) {
      List<String> from = text(random);
      List<String> to = text(random);
      String before = String.join("\n", from) + (from.isEmpty() ? "" : "\n");
      String after = String.join("\n", to) + (to.isEmpty() ? "" : "\n");
      UnifiedDiff.FileDiff d = UnifiedDiff.of("f", Optional.of(before), after);

      int minimal = 0;
      for (AbstractDelta<String> delta : DiffUtils.diff(from, to).getDeltas()) {
        minimal += delta.getSource().size() + delta.getTarget().size();
      }
      assertEquals(minimal, d.added() + d.removed(), from + " -> " + to);
      if (!d.lines().isEmpty()) {
        var patch = UnifiedDiffUtils.parseUnifiedDiff(d.lines());
        assertEquals(to, DiffUtils.patch(from, patch), from + " -> " + to);
      }
    }
  }

  /** Lines from a small alphabet, so texts share some and differ in others. */
  private static List<String> text(Random random) {
    List<String> lines = new ArrayList<>();
    int n = random.nextInt(12);
    for (int i = 0; i < n; i++) {
      lines.add(String.valueOf((char) ('a' + random.nextInt(random.nextBoolean() ? 4 : 20))));
    }
    return lines;
  }
}
