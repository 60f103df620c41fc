// NaiveCheck: the yardstick for bench/check.sh, a client that asks the PBX about each person
// with one AMI action of its own, sequentially, as a check written without list actions would.
//
// Usage (the JDK's source launcher, with vaxel's jar on the class path):
//   java -cp target/vaxel.jar bench/NaiveCheck.java HOST PORT USER SECRET_FILE STAFF_YAML \
//       [BUDGET_SECONDS]
//
// Logs in with vaxel's own client (se.vaxel.ami.AmiConnector), then for each person with an
// extension, in staff.yaml order, sends one Getvar of VM_INFO(EXT@CONTEXT,fullname) and compares
// the answer with staff.yaml (so the answers are used, and a wrong sandbox shows). One action
// per person is the naive client's LOWER bound: a real per-person check would need several
// (fullname, e-mail, message counts, ...), each costing a round trip.
//
// BUDGET_SECONDS (default: unlimited) bounds the run: the first 1,000 people are always asked;
// after them, and every 1,000 people after that, the client stops if the rest, at the pace so
// far, would not finish within the budget. It then prints the time measured for the people it
// asked and, separately and labelled, the time extrapolated linearly to all of them.
//
// Prints one machine-readable line to stdout (bench/check.sh parses it):
//   naive people=N asked=K roundTrips=R ms=T extrapolatedMs=E extrapolatedRoundTrips=X
//     mismatches=M
// where R and T are measured (login, K actions, logoff) and E and X are for all N people
// (equal to T and R when K = N).

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import se.vaxel.ami.AmiClient;
import se.vaxel.ami.AmiConnector;
import se.vaxel.ami.AmiSettings;
import se.vaxel.model.Person;
import se.vaxel.model.Staff;
import se.vaxel.staff.StaffLoader;

public final class NaiveCheck {
  private static final int SAMPLE = 1000;

  public static void main(String[] args) throws Exception {
    if (args.length < 5 || args.length > 6) {
      System.err.println("usage: java -cp vaxel.jar NaiveCheck.java HOST PORT USER SECRET_FILE "
          + "STAFF_YAML [BUDGET_SECONDS]");
      System.exit(2);
    }
    String host = args[0];
    int port = Integer.parseInt(args[1]);
    String user = args[2];
    String secret = Files.readAllLines(Path.of(args[3]), StandardCharsets.UTF_8).get(0).strip();
    Staff staff = new StaffLoader().load(Path.of(args[4]));
    long budgetNanos = args.length == 6 ? (long) (Double.parseDouble(args[5]) * 1e9)
        : Long.MAX_VALUE;
    String context = staff.asterisk().voicemailContext();
    List<Person> people = staff.people().stream().filter(Person::hasExtension).toList();

    long start = System.nanoTime();
    int asked = 0;
    int mismatches = 0;
    long roundTrips;
    long loopStart;
    long loopNanos;
    try (AmiClient ami = AmiConnector.connect(AmiSettings.of(host, port, user, secret))) {
      loopStart = System.nanoTime();
      for (Person p : people) {
        String name = ami.getvar("VM_INFO(" + p.extension() + "@" + context + ",fullname)")
            .orElse("");
        if (!name.equals(p.fullName())) {
          mismatches++;
        }
        asked++;
        if (asked >= SAMPLE && asked % SAMPLE == 0 && asked < people.size()) {
          long elapsed = System.nanoTime() - loopStart;
          double projected = (loopStart - start) + (double) elapsed / asked * people.size();
          if (projected > budgetNanos) {
            System.err.printf("NaiveCheck: stopping after %d of %d people: all would take "
                + "about %.0f s, over the budget of %.0f s%n", asked, people.size(),
                projected / 1e9, budgetNanos / 1e9);
            break;
          }
        }
      }
      loopNanos = System.nanoTime() - loopStart;
      roundTrips = ami.roundTrips();
    }
    long nanos = System.nanoTime() - start;
    long fixed = roundTrips - asked; // login (and anything else not per person)
    // Login and logoff once, the per-person loop scaled to everyone.
    long extrapolatedNanos = asked == people.size() ? nanos
        : nanos - loopNanos + (long) ((double) loopNanos / asked * people.size());
    System.out.printf("naive people=%d asked=%d roundTrips=%d ms=%d extrapolatedMs=%d "
        + "extrapolatedRoundTrips=%d mismatches=%d%n", people.size(), asked, roundTrips,
        nanos / 1_000_000, extrapolatedNanos / 1_000_000, fixed + people.size(), mismatches);
  }
}
