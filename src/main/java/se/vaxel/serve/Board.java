package se.vaxel.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.vaxel.ami.AmiClient;
import se.vaxel.ami.AmiException;
import se.vaxel.live.AbsenceEvent;
import se.vaxel.live.LiveOverride;
import se.vaxel.model.Absence;
import se.vaxel.model.Coverage;
import se.vaxel.model.DialplanContexts;
import se.vaxel.model.Person;
import se.vaxel.model.Platform;
import se.vaxel.model.Reason;
import se.vaxel.model.Staff;
import se.vaxel.pbx.AbsenceService;
import se.vaxel.pbx.Announcers;
import se.vaxel.render.Texts;

/**
 * What every open console shows, kept current: staff.yaml, the live overrides read from AstDB,
 * whether the PBX is reachable; and the one path by which the web sets or clears an absence
 * ({@link AbsenceService}, origin web). Each person's state is one JSON object ("view",
 * docs/serve.md); a change is sent to every listener as {@code {"type":"person","person":VIEW}},
 * a new staff file as {@code {"type":"reload"}}, the PBX coming or going as
 * {@code {"type":"ami","up":BOOL}}.
 *
 * <p>Nothing here is shown as live unless it was read from the PBX since the link last came up:
 * while the link is down, listeners are told so and the views say {@code "live": false}.
 */
public final class Board {
  private static final Logger LOG = LoggerFactory.getLogger(Board.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  /** How far ahead "coming" looks. */
  static final int COMING_DAYS = 14;

  private final Clock clock;
  private final Texts texts;
  private final Object lock = new Object();
  private final Object viewLock = new Object();
  private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

  private volatile Platform platform;
  private volatile AmiClient ami;
  private volatile boolean up;
  /** Organisation id to extension to override. */
  private final Map<String, Map<String, LiveOverride>> overrides = new ConcurrentHashMap<>();
  /** Organisation id to extension to the phone's state word (see ExtensionState#simple). */
  private final Map<String, Map<String, String>> states = new ConcurrentHashMap<>();
  /** Person key (org/id) to the view's JSON. */
  private final Map<String, String> views = new ConcurrentHashMap<>();
  /** The people's keys in staff file order: the order of the list. */
  private volatile List<String> order = List.of();
  private final Map<String, String> phrases = new ConcurrentHashMap<>();
  /** Bumped on every change of a view, so a cached list is never served after one. */
  private final java.util.concurrent.atomic.AtomicLong version =
      new java.util.concurrent.atomic.AtomicLong();

  private record Cached(long version, String json) {}

  private volatile Cached cached;

  /** Each organisation's announcer (pbx.Announcers); none until {@link #withAnnouncers}. */
  private volatile java.util.function.Function<Staff, AbsenceService.Announcer> announcers =
      s -> Announcers.NONE;

  public Board(Platform platform, Texts texts, Clock clock) {
    this.platform = platform;
    this.texts = texts;
    this.clock = clock;
    recomputeAll(false);
  }

  /**
   * The announcer of each organisation's absences set here, asked at every set (the staff file
   * may have been re-read). A speech failure does not lose the absence: it is written without
   * its SOUND, and the failure is logged.
   */
  public Board withAnnouncers(
      java.util.function.Function<Staff, AbsenceService.Announcer> announcers) {
    this.announcers = java.util.Objects.requireNonNull(announcers, "announcers");
    return this;
  }

  public Platform platform() {
    return platform;
  }

  public boolean up() {
    return up;
  }

  public Clock clock() {
    return clock;
  }

  public Texts texts() {
    return texts;
  }

  public void listen(Consumer<String> listener) {
    listeners.add(listener);
  }

  public void unlisten(Consumer<String> listener) {
    listeners.remove(listener);
  }

  public int listenerCount() {
    return listeners.size();
  }

  // ---- the PBX link ---------------------------------------------------------------------

  /**
   * The link is up: reads every override and subscribes to vaxel's own events. Called by the
   * keeper of the link (ServeCommand's loop, or a test) with a connected client.
   */
  public void connected(AmiClient client) {
    client.onUserEvent(AbsenceEvent.NAME, headers ->
        AbsenceEvent.parse(headers).ifPresent(e -> refresh(e.org(), e.extension())));
    client.onExtensionStatus(this::state);
    client.onUserEvent(AbsenceEvent.APPLIED, headers -> {
      LOG.info("apply announced; staff files are re-read by the watcher");
      onApplied.run();
    });
    this.ami = client;
    readAll();
  }

  private volatile Runnable onApplied = () -> { };

  /** What to do when apply announces itself (re-read the staff files). */
  public void onApplied(Runnable r) {
    onApplied = r;
  }

  /** The link is gone: nothing is live any more until it is back. */
  public void disconnected(String why) {
    this.ami = null;
    boolean was = up;
    up = false;
    if (was) {
      LOG.warn("AMI lost: {}", why);
      recomputeAll(true);
      send("{\"type\":\"ami\",\"up\":false}");
    }
  }

  /** The connected client, or empty while the link is down. */
  public Optional<AmiClient> ami() {
    return Optional.ofNullable(ami);
  }

  /** Re-reads every organisation's overrides (one DBGetTree each) and sends what changed. */
  public void readAll() {
    AmiClient client = ami;
    if (client == null) {
      return;
    }
    try {
      Map<String, Map<String, LiveOverride>> read = new HashMap<>();
      for (Staff s : platform.organisations()) {
        read.put(s.organisation().id(), LiveOverride.readAll(client, family(s)));
      }
      Map<String, Map<String, String>> phones = new HashMap<>();
      for (se.vaxel.ami.ExtensionState e : client.extensionStates()) {
        owner(e.context()).ifPresent(s -> phones.computeIfAbsent(s.organisation().id(),
            k -> new ConcurrentHashMap<>()).put(e.exten(), e.simple()));
      }
      boolean was = up;
      synchronized (lock) {
        overrides.clear();
        read.forEach((org, map) -> overrides.put(org, new ConcurrentHashMap<>(map)));
        states.clear();
        states.putAll(phones);
        up = true;
      }
      recomputeAll(true);
      if (!was) {
        send("{\"type\":\"ami\",\"up\":true}");
      }
    } catch (AmiException e) {
      disconnected(e.getMessage());
    }
  }

  /** Re-reads one override (after a VaxelAbsence event or our own write) and sends it. */
  public void refresh(String org, String extension) {
    AmiClient client = ami;
    Optional<Staff> staff = platform.organisation(org);
    if (client == null || staff.isEmpty()) {
      return;
    }
    try {
      Optional<String> value = client.dbGet(family(staff.get()), extension);
      synchronized (lock) {
        Map<String, LiveOverride> map = overrides.computeIfAbsent(org,
            k -> new ConcurrentHashMap<>());
        Optional<LiveOverride> o = value.flatMap(v -> LiveOverride.decode(extension, v));
        if (o.isPresent()) {
          map.put(extension, o.get());
        } else {
          map.remove(extension);
        }
      }
      staff.get().byExtension(extension).ifPresent(p -> update(staff.get(), p));
    } catch (AmiException e) {
      disconnected(e.getMessage());
    }
  }

  /** A hint changed (ExtensionStatus): the person's phone state, sent at once. */
  void state(se.vaxel.ami.ExtensionState e) {
    owner(e.context()).ifPresent(s -> {
      states.computeIfAbsent(s.organisation().id(), k -> new ConcurrentHashMap<>())
          .put(e.exten(), e.simple());
      s.byExtension(e.exten()).ifPresent(p -> update(s, p));
    });
  }

  /** The organisation whose generated staff context this is. */
  private Optional<Staff> owner(String context) {
    for (Staff s : platform.organisations()) {
      DialplanContexts c = DialplanContexts.of(s.asterisk());
      if (context.equals(c.staff()) || c.owns(context) && context.startsWith(c.staff())) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  // ---- staff files ------------------------------------------------------------------------

  /** A new staff file (after apply): recomputes everything and tells consoles to reload. */
  public void replace(Platform next) {
    this.platform = next;
    phrases.clear();
    readAll();
    recomputeAll(false);
    send("{\"type\":\"reload\"}");
  }

  // ---- views ------------------------------------------------------------------------------

  /** Every person's view as one JSON document: {@code {"up":BOOL,"people":[VIEW...]}}. */
  public String peopleJson() {
    long at = version.get();
    Cached c = cached;
    if (c != null && c.version() == at) {
      return c.json();
    }
    StringBuilder b = new StringBuilder(views.size() * 300);
    b.append("{\"up\":").append(up).append(",\"people\":[");
    boolean first = true;
    for (String key : order) {
      String v = views.get(key);
      if (v == null) {
        continue;
      }
      if (!first) {
        b.append(',');
      }
      b.append(v);
      first = false;
    }
    b.append("]}");
    String json = b.toString();
    cached = new Cached(at, json);
    return json;
  }

  /** One person's view, by key ({@code org/id}). */
  public Optional<String> viewJson(String key) {
    return Optional.ofNullable(views.get(key));
  }

  /** Recomputes every view (the minute tick: absences start and end by the clock). */
  public void recomputeAll(boolean sendChanges) {
    synchronized (viewLock) {
      List<String> keys = new ArrayList<>();
      List<String> changed = new ArrayList<>();
      for (Platform.Member m : platform.members()) {
        String key = m.qualifiedId();
        String v = toJson(view(m.staff(), m.person()));
        keys.add(key);
        if (!v.equals(views.put(key, v))) {
          changed.add(v);
        }
      }
      views.keySet().retainAll(new java.util.HashSet<>(keys));
      order = List.copyOf(keys);
      version.incrementAndGet();
      if (sendChanges) {
        changed.forEach(v -> send("{\"type\":\"person\",\"person\":" + v + "}"));
      }
    }
  }

  /** One person's view again; sent when it changed. Serialised, so sends keep their order. */
  private void update(Staff staff, Person p) {
    synchronized (viewLock) {
      String key = staff.organisation().id() + "/" + p.id();
      String v = toJson(view(staff, p));
      if (v.equals(views.put(key, v))) {
        return;
      }
      version.incrementAndGet();
      send("{\"type\":\"person\",\"person\":" + v + "}");
    }
  }

  /**
   * One person as the console shows them (docs/serve.md, "The people list"). Sickness is
   * never disclosed: every reason goes through {@link Reason#disclosed()}.
   */
  Map<String, Object> view(Staff staff, Person p) {
    Instant now = clock.instant();
    ZoneId zone = staff.organisation().timezone();
    String org = staff.organisation().id();
    Map<String, LiveOverride> live = overrides.getOrDefault(org, Map.of());
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("key", org + "/" + p.id());
    v.put("id", p.id());
    v.put("org", staff.organisation().name());
    v.put("name", p.fullName());
    v.put("title", p.title());
    v.put("unit", p.department());
    v.put("workplace", p.workplace());
    v.put("ext", p.extension());
    v.put("phone", p.phone());
    v.put("mobile", p.mobile());
    v.put("email", p.email());
    v.put("phrase", phrase(staff, p));
    v.put("live", up);
    v.put("state", p.hasExtension()
        ? states.getOrDefault(org, Map.of()).getOrDefault(p.extension(), "unknown") : null);
    Optional<Coverage.Away> away = Coverage.at(staff, live, p, now);
    LiveOverride override = p.hasExtension() ? live.get(p.extension()) : null;
    if (away.isPresent()) {
      Coverage.Away a = away.get();
      Map<String, Object> w = new LinkedHashMap<>();
      w.put("reason", a.reason() == null ? null : a.reason().disclosed().key());
      LocalDateTime until = LocalDateTime.ofInstant(a.until(), zone);
      w.put("until", until.toString());
      if (until.toLocalTime().equals(java.time.LocalTime.MIDNIGHT)) {
        // A whole-day absence: people say "t.o.m." the last day, not "until midnight".
        w.put("lastDay", until.toLocalDate().minusDays(1).toString());
      }
      if (a.absence() != null) {
        w.put("back", texts.returnDay(a.absence()).toString());
      }
      w.put("source", a.live() ? "live" : "staff.yaml");
      if (a.live() && override != null) {
        w.put("origin", originName(override));
        w.put("setBy", override.setBy());
      }
      w.put("cover", cover(staff, a.cover()));
      v.put("away", w);
    } else {
      v.put("away", null);
    }
    v.put("next", next(staff, p, live, now, zone));
    return v;
  }

  private static Map<String, Object> cover(Staff staff, Coverage.Cover c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("why", c.why().name().toLowerCase(java.util.Locale.ROOT));
    if (c.contact() != null) {
      m.put("key", staff.organisation().id() + "/" + c.contact().id());
      m.put("name", c.contact().fullName());
      m.put("ext", c.contact().extension());
      m.put("number", c.number());
    }
    m.put("rings", c.ringsContact() ? c.contact().extension() : staff.organisation().switchboard());
    return m;
  }

  /** The next absence that starts after now, within {@link #COMING_DAYS}, live or planned. */
  private static Map<String, Object> next(Staff staff, Person p, Map<String, LiveOverride> live,
      Instant now, ZoneId zone) {
    LocalDateTime local = LocalDateTime.ofInstant(now, zone);
    LocalDateTime horizon = local.plusDays(COMING_DAYS);
    LocalDateTime from = null;
    LocalDateTime until = null;
    Reason reason = null;
    for (Absence a : p.absences()) {
      if (a.start().isAfter(local) && a.start().isBefore(horizon)) {
        from = a.start();
        until = a.end();
        reason = a.reason();
        break;
      }
    }
    LiveOverride o = p.hasExtension() ? live.get(p.extension()) : null;
    if (o != null && o.away() && o.from().isAfter(now)) {
      LocalDateTime f = LocalDateTime.ofInstant(o.from(), zone);
      if (f.isBefore(horizon) && (from == null || f.isBefore(from))) {
        from = f;
        until = LocalDateTime.ofInstant(o.until(), zone);
        reason = o.reason();
      }
    }
    if (from == null) {
      return null;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("from", from.toString());
    m.put("until", until.toString());
    m.put("reason", reason == null ? null : reason.disclosed().key());
    return m;
  }

  private String phrase(Staff staff, Person p) {
    return phrases.computeIfAbsent(staff.organisation().id() + "/" + p.id(), k -> {
      try {
        return texts.answering(staff, p, staff.languageOf(p)).strip();
      } catch (RuntimeException e) {
        return "";
      }
    });
  }

  private static String toJson(Object o) {
    try {
      return JSON.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private void send(String message) {
    for (Consumer<String> l : listeners) {
      try {
        l.accept(message);
      } catch (RuntimeException e) {
        LOG.debug("listener failed: {}", e.toString());
      }
    }
  }

  // ---- people and absences -----------------------------------------------------------------

  /** A person by key {@code org/id}, or by bare id when exactly one organisation has it. */
  public Optional<Platform.Member> member(String key) {
    if (key == null) {
      return Optional.empty();
    }
    int slash = key.indexOf('/');
    if (slash > 0) {
      String org = key.substring(0, slash);
      String id = key.substring(slash + 1);
      return platform.organisation(org).flatMap(s -> s.byId(id).map(p -> new Platform.Member(s, p)));
    }
    List<Platform.Member> found = platform.members().stream()
        .filter(m -> m.person().id().equals(key)).toList();
    return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
  }

  /** The PBX is not reachable: nothing can be set now. */
  public static final class OfflineException extends RuntimeException {
    public OfflineException(String message) {
      super(message);
    }
  }

  /**
   * Sets an absence through {@link AbsenceService} on behalf of web account {@code who}.
   *
   * @return the person's view after the change
   * @throws AbsenceService.RejectedException for a request the rules refuse
   * @throws OfflineException when the PBX cannot be reached
   */
  public Map<String, Object> set(Platform.Member m, LocalDateTime from, LocalDateTime until,
      String alternateId, Reason reason, String who) {
    AmiClient client = ami;
    if (client == null) {
      throw new OfflineException("the PBX is not reachable; nothing was changed");
    }
    try {
      AbsenceService.Announcer announcer = Announcers.orSilent(announcers.apply(m.staff()),
          // The staff id only, never the web user's name (raw, it could forge log lines).
          e -> LOG.warn("the absence of {} set in the console is written without its spoken "
              + "announcement: {}", m.qualifiedId(), e.getMessage()));
      new AbsenceService(m.staff(), client).withAnnouncer(announcer).set(m.person().id(), from,
          until, alternateId, reason, clock.instant(), LiveOverride.Origin.WEB, who);
    } catch (AmiException e) {
      disconnected(e.getMessage());
      throw new OfflineException("the PBX did not answer: " + e.getMessage());
    }
    refresh(m.staff().organisation().id(), m.person().extension());
    return view(m.staff(), m.person());
  }

  /** Clears a live absence, like {@link #set}. */
  public Map<String, Object> clear(Platform.Member m, String who) {
    AmiClient client = ami;
    if (client == null) {
      throw new OfflineException("the PBX is not reachable; nothing was changed");
    }
    try {
      new AbsenceService(m.staff(), client).clear(m.person().id(), clock.instant(),
          LiveOverride.Origin.WEB, who);
    } catch (AmiException e) {
      disconnected(e.getMessage());
      throw new OfflineException("the PBX did not answer: " + e.getMessage());
    }
    refresh(m.staff().organisation().id(), m.person().extension());
    return view(m.staff(), m.person());
  }

  /**
   * The member's live override as the PBX holds it (for the audit log's before and after):
   * from, until, away, target, reason, alternate, origin, set-by; null for none. Unlike the
   * view, a future absence is here too.
   */
  public Map<String, Object> overrideOf(Platform.Member m) {
    Person p = m.person();
    LiveOverride o = p.hasExtension() ? overrides.getOrDefault(m.staff().organisation().id(),
        Map.of()).get(p.extension()) : null;
    if (o == null) {
      return null;
    }
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("away", o.away());
    v.put("from", o.from().toString());
    v.put("until", o.until().toString());
    v.put("target", o.target());
    v.put("reason", o.reason() == null ? null : o.reason().key());
    v.put("alternate", o.alternateId());
    v.put("origin", originName(o));
    v.put("setBy", o.setBy());
    return v;
  }

  /**
   * What wrote an override, as the console and the audit log name it ({@code cli}, {@code
   * phone}, {@code calendar}, {@code web}, {@code other}): the enum's name, since the stored
   * key of a {@code vaxel absence} override is empty.
   */
  private static String originName(LiveOverride o) {
    return o.origin().name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The view of a member now, as a map (for the audit log's before and after). */
  public Map<String, Object> viewOf(Platform.Member m) {
    return view(m.staff(), m.person());
  }

  private static String family(Staff s) {
    return DialplanContexts.of(s.asterisk()).overrideFamily();
  }

  /** Today in the member's organisation. */
  public LocalDate today(Staff s) {
    return LocalDateTime.ofInstant(clock.instant(), s.organisation().timezone()).toLocalDate();
  }
}
