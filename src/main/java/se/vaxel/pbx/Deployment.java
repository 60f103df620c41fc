package se.vaxel.pbx;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import se.vaxel.ami.AmiClient;
import se.vaxel.ami.AmiException;
import se.vaxel.ami.DialplanEntry;
import se.vaxel.ami.PresenceEntry;
import se.vaxel.ami.VoicemailBox;
import se.vaxel.live.DialplanComparison;
import se.vaxel.live.GeneratedDialplan;
import se.vaxel.live.LiveOverride;
import se.vaxel.live.LoadedDialplan;
import se.vaxel.model.DialplanContexts;
import se.vaxel.model.Person;
import se.vaxel.model.Staff;
import se.vaxel.output.AtomicFiles;
import se.vaxel.pbx.Plan.Change;
import se.vaxel.pbx.Plan.FileChange;
import se.vaxel.pbx.Plan.MailboxChange;
import se.vaxel.pbx.Plan.MailboxDiff;
import se.vaxel.pbx.Plan.PresenceChange;
import se.vaxel.render.AsteriskConfig;

/**
 * {@code vaxel plan} and {@code vaxel apply}: brings a live Asterisk to what staff.yaml
 * generates, and proves it did.
 *
 * <p>Apply never leaves the PBX between two configurations: it keeps the previous fragments,
 * writes the new ones atomically, reloads, and then asks Asterisk over AMI whether what it wrote
 * is what is loaded (every mailbox with its name and e-mail, the dialplan priority by priority,
 * {@link DialplanComparison}). If not, it puts the previous files back and reloads again before
 * failing. A read that fails is never taken for a difference: it stops apply the same way.
 */
public final class Deployment {
  static final List<String> FRAGMENTS =
      List.of(AsteriskConfig.VOICEMAIL_FILE, AsteriskConfig.EXTENSIONS_FILE);
  static final String VOICEMAIL_MODULE = "app_voicemail.so";
  static final String DIALPLAN_MODULE = "pbx_config.so";

  /** What apply did; {@code plan} is what it found before doing it. */
  public record Applied(Plan plan, boolean reloaded) {}

  /** Apply reloaded, but Asterisk did not load what was written; the previous files are back. */
  public static final class NotLoadedException extends RuntimeException {
    public NotLoadedException(String message) {
      super(message);
    }
  }

  private final Staff staff;
  private final AsteriskConfig.Rendered desired;
  private final ConfDir conf;
  private final AmiClient ami;
  private final DialplanContexts contexts;
  private final GeneratedDialplan generated;

  public Deployment(Staff staff, AsteriskConfig.Rendered desired, ConfDir conf, AmiClient ami) {
    this.staff = staff;
    this.desired = desired;
    this.contexts = DialplanContexts.of(staff.asterisk());
    this.generated = GeneratedDialplan.parse(desired.extensionsConf(), desired.fingerprint());
    this.conf = conf;
    this.ami = ami;
  }

  public Plan plan(Instant now) throws IOException {
    List<FileChange> files = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    for (String name : FRAGMENTS) {
      String want = desiredText(name);
      Optional<String> have = ConfDir.read(conf.fragment(name));
      if (have.isEmpty()) {
        files.add(new FileChange(ConfDir.SUBDIR + "/" + name, Change.CREATE, lines(want), 0));
      } else if (!have.get().equals(want)) {
        int[] d = lineDiff(have.get(), want);
        files.add(new FileChange(ConfDir.SUBDIR + "/" + name, Change.UPDATE, d[0], d[1]));
      }
      String main = ConfDir.read(conf.main(name)).orElse("");
      if (!ConfDir.hasInclude(main, name)) {
        files.add(new FileChange(name, Change.INCLUDE, 2, 0));
      }
    }
    String mainVm = ConfDir.read(conf.main(AsteriskConfig.VOICEMAIL_FILE)).orElse("");
    if (!mainVm.matches("(?s).*(?m)^\\s*passwordlocation\\s*=\\s*spooldir.*")) {
      warnings.add("voicemail.conf has no passwordlocation=spooldir in [general]: the generated "
          + "mailboxes carry no PIN, so set it to keep PINs in each mailbox's secret.conf");
    }
    List<MailboxChange> mailboxes = mailboxChanges(ami.voicemailUsers());
    Map<String, List<DialplanEntry>> loaded = LoadedDialplan.read(ami, contexts);
    Map<String, LiveOverride> overrides = LiveOverride.readAll(ami);
    return new Plan(files, mailboxes, DialplanComparison.compare(generated, loaded),
        presenceChanges(overrides, now), expired(overrides, now), desired.fingerprint(),
        LoadedDialplan.fingerprint(loaded.get(contexts.route())), warnings);
  }

  public Applied apply(Instant now) throws IOException {
    Plan plan = plan(now);
    boolean reloaded = false;
    if (plan.configChanges()) {
      Map<String, Optional<String>> before = snapshot();
      try {
        writeDesired(before);
        reload();
        String problem = verify();
        if (problem != null) {
          restore(before);
          reload();
          throw new NotLoadedException(problem + "; the previous configuration is restored");
        }
      } catch (IOException | AmiException e) {
        // Writing, reloading or verifying did not finish: put the previous files back so the
        // next reload (ours now if the PBX answers, or anyone's later) loads a known
        // configuration, never half of the new one.
        try {
          restore(before);
        } catch (IOException restoreFailed) {
          e.addSuppressed(restoreFailed);
        }
        tryReload();
        throw e;
      }
      reloaded = true;
    }
    for (PresenceChange c : plan.presence()) {
      c.to().publish(ami, c.extension());
    }
    for (String ext : plan.expiredOverrides()) {
      ami.dbDel(LiveOverride.FAMILY, ext);
    }
    return new Applied(plan, reloaded);
  }

  private String desiredText(String name) {
    return name.equals(AsteriskConfig.VOICEMAIL_FILE)
        ? desired.voicemailConf() : desired.extensionsConf();
  }

  /** Every file apply may touch, as it is now (empty: it does not exist). */
  private Map<String, Optional<String>> snapshot() throws IOException {
    Map<String, Optional<String>> files = new LinkedHashMap<>();
    for (String name : FRAGMENTS) {
      files.put(ConfDir.SUBDIR + "/" + name, ConfDir.read(conf.fragment(name)));
      files.put(name, ConfDir.read(conf.main(name)));
    }
    return files;
  }

  private void writeDesired(Map<String, Optional<String>> before) throws IOException {
    for (String name : FRAGMENTS) {
      Optional<String> old = before.get(ConfDir.SUBDIR + "/" + name);
      if (old.isPresent()) {
        AtomicFiles.writeIfChanged(conf.previous(name), old.get());
      }
      AtomicFiles.writeIfChanged(conf.fragment(name), desiredText(name));
      Optional<String> main = before.get(name);
      Optional<String> included = ConfDir.withInclude(main.orElse(""), name);
      if (included.isPresent()) {
        AtomicFiles.writeIfChanged(conf.main(name), included.get());
      }
    }
  }

  private void restore(Map<String, Optional<String>> before) throws IOException {
    for (Map.Entry<String, Optional<String>> e : before.entrySet()) {
      if (e.getValue().isPresent()) {
        AtomicFiles.writeIfChanged(conf.dir().resolve(e.getKey()), e.getValue().get());
      } else {
        Files.deleteIfExists(conf.dir().resolve(e.getKey()));
      }
    }
  }

  private void reload() {
    ami.reload(VOICEMAIL_MODULE);
    ami.reload(DIALPLAN_MODULE);
  }

  private void tryReload() {
    try {
      reload();
    } catch (AmiException ignored) {
      // The PBX is not answering; the error that brought us here is the one to report.
    }
  }

  /** Why the live PBX is not what we wrote, or null when it is. */
  private String verify() {
    List<MailboxChange> mailboxes = mailboxChanges(ami.voicemailUsers());
    if (!mailboxes.isEmpty()) {
      return "after reload, " + mailboxes.size() + " mailboxes in context '"
          + staff.asterisk().voicemailContext() + "' differ from what was written (first: "
          + mailboxes.get(0).mailbox() + " " + mailboxes.get(0).diff() + ")";
    }
    DialplanComparison.Result dialplan =
        DialplanComparison.compare(generated, LoadedDialplan.read(ami, contexts));
    if (!dialplan.same()) {
      return "after reload, the loaded dialplan differs from what was written in "
          + dialplan.count() + (dialplan.count() == 1 ? " place" : " places") + " (first: "
          + dialplan.differences().get(0).describe() + ")";
    }
    return null;
  }

  private List<MailboxChange> mailboxChanges(List<VoicemailBox> live) {
    String context = staff.asterisk().voicemailContext();
    Map<String, VoicemailBox> have = live.stream()
        .filter(b -> b.context().equals(context))
        .collect(Collectors.toMap(VoicemailBox::mailbox, Function.identity(), (a, b) -> a,
            TreeMap::new));
    List<MailboxChange> changes = new ArrayList<>();
    for (Person p : staff.people()) {
      if (!p.hasExtension()) {
        continue;
      }
      VoicemailBox box = have.remove(p.extension());
      String email = p.email() == null ? "" : p.email();
      if (box == null) {
        changes.add(new MailboxChange(p.extension(), MailboxDiff.ADD, p.fullName()));
      } else if (!box.fullName().equals(p.fullName()) || !box.email().equals(email)) {
        changes.add(new MailboxChange(p.extension(), MailboxDiff.CHANGE,
            describe(box.fullName(), p.fullName(), "full name")
                + describe(box.email(), email, "e-mail")));
      }
    }
    have.values().forEach(b ->
        changes.add(new MailboxChange(b.mailbox(), MailboxDiff.REMOVE, b.fullName())));
    return changes;
  }

  private static String describe(String from, String to, String what) {
    return from.equals(to) ? "" : what + " '" + from + "' -> '" + to + "' ";
  }


  private List<PresenceChange> presenceChanges(Map<String, LiveOverride> overrides, Instant now) {
    Map<String, PresenceEntry> live = ami.presenceStates().stream()
        .collect(Collectors.toMap(PresenceEntry::provider, Function.identity(), (a, b) -> a));
    List<PresenceChange> changes = new ArrayList<>();
    for (Person p : staff.people()) {
      if (!p.hasExtension()) {
        continue;
      }
      PresenceValue want = PresenceValue.of(staff, overrides, p, now);
      PresenceEntry have = live.get(PresenceValue.provider(p.extension()));
      String state = have == null ? "not_set" : have.state();
      String subtype = have == null ? "" : have.subtype();
      String message = have == null ? "" : have.message();
      if (!want.matches(state, subtype, message)) {
        changes.add(new PresenceChange(p.extension(), p.id(),
            state + (subtype.isEmpty() ? "" : "," + subtype), want));
      }
    }
    return changes;
  }

  private static List<String> expired(Map<String, LiveOverride> overrides, Instant now) {
    return overrides.values().stream()
        .filter(o -> !o.until().isAfter(now))
        .map(LiveOverride::extension)
        .sorted()
        .toList();
  }

  private static int lines(String text) {
    return text.isEmpty() ? 0 : text.split("\n", -1).length - (text.endsWith("\n") ? 1 : 0);
  }

  /** Lines added and removed, counted as multisets: enough for a one-line summary. */
  static int[] lineDiff(String before, String after) {
    Map<String, Integer> count = new HashMap<>();
    for (String l : before.split("\n")) {
      count.merge(l, 1, Integer::sum);
    }
    int added = 0;
    for (String l : after.split("\n")) {
      Integer c = count.get(l);
      if (c == null || c == 0) {
        added++;
      } else {
        count.put(l, c - 1);
      }
    }
    int removed = count.values().stream().mapToInt(Integer::intValue).sum();
    return new int[] {added, removed};
  }
}
