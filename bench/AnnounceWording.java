import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import se.vaxel.model.Staff;
import se.vaxel.pbx.AnnouncementSounds;
import se.vaxel.render.AsteriskConfig;
import se.vaxel.render.Templates;
import se.vaxel.speech.AbsenceAnnouncements;
import se.vaxel.staff.StaffLoader;

/**
 * bench/announce-wording.sh's worker: what an apply spends WORDING the announcements (templates
 * rendered, names hashed), without a speech engine or a PBX. Every file the organisation needs
 * is created empty first, so ensure finds them all and speaks nothing (a nightly apply of
 * unchanged absences). Then, ROUNDS times, each with a fresh AsteriskConfig as one apply has:
 * the dialplan is rendered (generate), and the announcements' producer runs ensure and retain.
 * With "unshared", ensure and retain each get their own AbsenceAnnouncements, so each words
 * every sentence again, as every apply did before the windows were remembered per Staff.
 * Usage: AnnounceWording STAFF.yaml ROUNDS [shared|unshared]
 */
public class AnnounceWording {
  public static void main(String[] args) throws Exception {
    Staff staff = new StaffLoader().load(Path.of(args[0]));
    int rounds = Integer.parseInt(args[1]);
    boolean unshared = args.length > 2 && args[2].equals("unshared");
    Instant now = Instant.now();
    LocalDateTime local = LocalDateTime.ofInstant(now, staff.organisation().timezone());
    Path dir = Path.of(staff.speech().writeDir());
    Files.createDirectories(dir);
    AbsenceAnnouncements words = new AsteriskConfig(new Templates(Optional.empty()), "bench")
        .announcements();
    int files = 0;
    for (AbsenceAnnouncements.Sound s : words.needed(staff, local)) {
      Path f = dir.resolve(s.name() + ".wav");
      if (!Files.exists(f)) {
        Files.createFile(f);
      }
      files++;
    }
    System.out.printf("files needed now: %d%n", files);
    for (int r = 1; r <= rounds; r++) {
      long w0 = System.nanoTime();
      int sentences = new AsteriskConfig(new Templates(Optional.empty()), "bench").announcements()
          .windows(staff).values().stream().flatMap(List::stream)
          .mapToInt(w -> w.sounds().size()).sum();
      System.out.printf("round %d: wording alone %.2f s (%d sentences)%n", r,
          (System.nanoTime() - w0) / 1e9, sentences);
      long t0 = System.nanoTime();
      AsteriskConfig config = new AsteriskConfig(new Templates(Optional.empty()), "bench");
      config.render(staff);
      long t1 = System.nanoTime();
      AnnouncementSounds producer = new AnnouncementSounds(unshared
          ? new AsteriskConfig(new Templates(Optional.empty()), "bench").announcements()
          : config.announcements());
      producer.ensure(staff, now);
      long t2 = System.nanoTime();
      if (unshared) {
        producer = new AnnouncementSounds(
            new AsteriskConfig(new Templates(Optional.empty()), "bench").announcements());
      }
      int removed = producer.retain(staff, List.of(), now);
      long t3 = System.nanoTime();
      System.out.printf("round %d: render %.2f s, ensure %.2f s, retain %.2f s (removed %d),"
          + " total %.2f s%n", r, (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, removed,
          (t3 - t0) / 1e9);
    }
  }
}
