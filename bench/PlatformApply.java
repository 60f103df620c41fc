// PlatformApply: apply of one organisation against two on one PBX, for bench/platform-apply.sh.
//
// Usage (the JDK's source launcher, with vaxel's classes and dependencies on the class path):
//   java -cp CLASSPATH bench/PlatformApply.java HOST PORT USER SECRET_FILE CONF_DIR A A2 B B2
//
// A and B are two organisations' staff files, A2 and B2 the same with every name changed (so
// every mailbox and the dialplan change). Starting from a PBX with A and B applied, it times:
//   one   A -> A2 alone                          (one organisation changes, one reload)
//   two   A2,B -> A,B2 in one platform apply     (two organisations change, one reload)
//   seq   A -> A2, then B2 -> B as two applies   (the same work, one reload per organisation)
// and the AMI round trips each made (every connection apply opened, login included).
// Prints one line per measurement starting with "RESULT".

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import se.vaxel.ami.AmiClient;
import se.vaxel.ami.AmiConnector;
import se.vaxel.ami.AmiSettings;
import se.vaxel.generate.Rendering;
import se.vaxel.model.Staff;
import se.vaxel.pbx.ConfDir;
import se.vaxel.pbx.Deployment;
import se.vaxel.staff.StaffLoader;

public final class PlatformApply {
  static AmiSettings settings;
  static ConfDir conf;

  public static void main(String[] args) throws Exception {
    settings = AmiSettings.of(args[0], Integer.parseInt(args[1]), args[2],
        Files.readString(Path.of(args[3])).strip());
    conf = new ConfDir(Path.of(args[4]));
    Staff a = load(args[5]), a2 = load(args[6]), b = load(args[7]), b2 = load(args[8]);
    apply("setup", List.of(a, b));
    apply("one", List.of(a2));
    apply("two", List.of(a, b2));
    long start = System.nanoTime();
    long trips = apply("seq-1", List.of(a2)) + apply("seq-2", List.of(b));
    System.out.printf("RESULT %-6s %6.2f s %5d round trips%n", "seq",
        (System.nanoTime() - start) / 1e9, trips);
  }

  static Staff load(String file) throws Exception {
    return new StaffLoader().load(Path.of(file));
  }

  /** Applies {@code staffs}; prints and returns the round trips of every connection used. */
  static long apply(String label, List<Staff> staffs) throws Exception {
    List<AmiClient> clients = new ArrayList<>();
    Rendering rendering = Rendering.of(Optional.empty(), "bench");
    List<Deployment.Target> targets = staffs.stream()
        .map(s -> new Deployment.Target(s, rendering.asterisk().render(s))).toList();
    long start = System.nanoTime();
    try (AmiClient ami = AmiConnector.connect(settings)) {
      clients.add(ami);
      Deployment.Applied applied = new Deployment(targets, List.of(), conf, ami,
          new Deployment.Link() {
            @Override
            public AmiClient open(Duration listTimeout) {
              AmiClient c = AmiConnector.connect(
                  settings.withTimeouts(settings.actionTimeout(), listTimeout));
              clients.add(c);
              return c;
            }

            @Override
            public Duration listTimeout() {
              return Duration.ofSeconds(120);
            }
          }).apply(Instant.now());
      double secs = (System.nanoTime() - start) / 1e9;
      long trips = clients.stream().mapToLong(AmiClient::roundTrips).sum();
      if (!label.startsWith("seq")) {
        System.out.printf("RESULT %-6s %6.2f s %5d round trips (%d connections, reloaded %s)%n",
            label, secs, trips, clients.size(), applied.reloaded());
      }
      return trips;
    }
  }
}
