import java.util.*;
/** bench/plan-diff.sh: what plan's unified diff costs for one generated file of N mailboxes. */
public class PlanDiffBench {
  public static void main(String[] a) throws Exception {
    int n = Integer.parseInt(a[0]);
    StringBuilder x = new StringBuilder(), y = new StringBuilder(), z = new StringBuilder();
    for (int i = 0; i < n; i++) { x.append(i + " => ,Name " + i + ",n" + i + "@old.se\n"); y.append(i + " => ,Name " + i + ",n" + i + "@new.se\n"); z.append(i % 100 == 0 ? "changed\n" : i + " => ,Name " + i + ",n" + i + "@old.se\n"); }
    long t = System.nanoTime();
    var d = se.vaxel.diff.UnifiedDiff.of("f", Optional.empty(), x.toString());
    System.out.println("create " + n + ": " + (System.nanoTime() - t) / 1000000 + " ms +" + d.added());
    t = System.nanoTime();
    d = se.vaxel.diff.UnifiedDiff.of("f", Optional.of(x.toString()), z.toString());
    System.out.println("1% changed " + n + ": " + (System.nanoTime() - t) / 1000000 + " ms +" + d.added() + " -" + d.removed());
    t = System.nanoTime();
    d = se.vaxel.diff.UnifiedDiff.of("f", Optional.of(x.toString()), y.toString());
    System.out.println("all changed " + n + ": " + (System.nanoTime() - t) / 1000000 + " ms +" + d.added() + " -" + d.removed());
  }
}
