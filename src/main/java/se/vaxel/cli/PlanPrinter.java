package se.vaxel.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.function.Function;
import se.vaxel.pbx.Plan;

/**
 * Prints a plan the way an administrator reads it before an apply: counts first, then lines;
 * with {@code diff}, each file's unified diff after the list of files.
 */
final class PlanPrinter {
  private final PrintWriter out;
  private final int limit;
  private final boolean diff;

  PlanPrinter(PrintWriter out, boolean all) {
    this(out, all, false);
  }

  PlanPrinter(PrintWriter out, boolean all, boolean diff) {
    this.out = out;
    this.limit = all ? Integer.MAX_VALUE : 25;
    this.diff = diff;
  }

  /**
   * The plans of every organisation: a lone organisation's as before, several each under its
   * id, those with nothing to change in one line.
   */
  void print(List<Plan> plans) {
    if (plans.size() == 1) {
      print(plans.get(0));
      return;
    }
    for (Plan plan : plans) {
      if (plan.isEmpty()) {
        out.printf("Organisation %s: nothing to change (%s)%n", plan.organisation(),
            plan.fingerprint());
        plan.warnings().forEach(w -> out.println("Warning: " + w));
      } else {
        out.printf("Organisation %s:%n", plan.organisation());
        print(plan);
      }
    }
  }

  /** The fingerprint, or each organisation's as id=fingerprint. */
  static String fingerprints(List<Plan> plans) {
    if (plans.size() == 1) {
      return plans.get(0).fingerprint();
    }
    return String.join(", ", plans.stream()
        .map(p -> p.organisation() + " " + p.fingerprint()).toList());
  }

  void print(Plan plan) {
    if (!plan.files().isEmpty()) {
      out.println("Files:");
      section(plan.files(), f -> f.change() == Plan.Change.MOVE
          ? String.format("  %-7s %s", "move", f.path())
          : String.format("  %-7s %s (+%d -%d lines)",
              f.change().name().toLowerCase(java.util.Locale.ROOT), f.path(), f.added(),
              f.removed()));
      if (diff) {
        // Whole: a diff cut short would not apply, and --diff asks for it all.
        plan.files().forEach(f -> f.diff().forEach(out::println));
      }
    }
    if (!plan.mailboxes().isEmpty()) {
      long add = count(plan, Plan.MailboxDiff.ADD);
      long remove = count(plan, Plan.MailboxDiff.REMOVE);
      long change = count(plan, Plan.MailboxDiff.CHANGE);
      out.printf("Mailboxes: %d to add, %d to remove, %d to change%n", add, remove, change);
      section(plan.mailboxes(), m -> "  " + switch (m.diff()) {
        case ADD -> "+ ";
        case REMOVE -> "- ";
        case CHANGE -> "~ ";
      } + m.mailbox() + "  " + m.detail().trim());
    }
    if (plan.dialplanReload()) {
      out.printf("Dialplan: reload, %d difference%s (loaded %s, generated %s)%n",
          plan.dialplan().count(), plan.dialplan().count() == 1 ? "" : "s",
          plan.liveFingerprint().isEmpty() ? "none of ours" : plan.liveFingerprint(),
          plan.fingerprint());
      plan.dialplan().differences().stream().limit(limit)
          .forEach(d -> out.println("  ~ " + d.describe()));
      int shown = (int) Math.min(limit, plan.dialplan().differences().size());
      if (plan.dialplan().count() > shown) {
        out.printf("  ... and %d more%n", plan.dialplan().count() - shown);
      }
    }
    if (!plan.presence().isEmpty()) {
      out.printf("Presence: %d to publish%n", plan.presence().size());
      section(plan.presence(), p -> String.format("  %s %s: %s -> %s%s", p.extension(),
          p.personId(), p.from(), p.to().state(),
          p.to().message().isEmpty() ? "" : " (" + p.to().message() + ")"));
    }
    if (!plan.expiredOverrides().isEmpty()) {
      out.printf("Live absences: %d expired to remove (%s)%n", plan.expiredOverrides().size(),
          String.join(", ", plan.expiredOverrides()));
    }
    plan.warnings().forEach(w -> out.println("Warning: " + w));
  }

  private static long count(Plan plan, Plan.MailboxDiff diff) {
    return plan.mailboxes().stream().filter(m -> m.diff() == diff).count();
  }

  private <T> void section(List<T> items, Function<T, String> line) {
    items.stream().limit(limit).map(line).forEach(out::println);
    if (items.size() > limit) {
      out.printf("  ... and %d more (--all lists every one)%n", items.size() - limit);
    }
  }
}
