package se.vaxel.speech;

import java.lang.ref.WeakReference;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import se.vaxel.calendar.WorkingDays;
import se.vaxel.model.Absence;
import se.vaxel.model.CallRouting;
import se.vaxel.model.Coverage;
import se.vaxel.model.Language;
import se.vaxel.model.Person;
import se.vaxel.model.SpeechSettings;
import se.vaxel.model.Staff;
import se.vaxel.render.Templates;

/**
 * Which announcement each planned absence window plays, by name, without speaking anything:
 * {@code generate} puts the names into the dialplan (so it stays pure and date-independent),
 * and {@code apply} makes the files of the current and upcoming ones before the reload.
 *
 * <p>Who covers is {@link Coverage}'s decision, per ISO week as the dialplan's planned window
 * ({@link CallRouting#route}) has it: one sound for the window's fallback target and one per
 * weekly target, each saying where that week's calls go. Whether the contact is away too is
 * decided at call time, so a sound that names a person has a switchboard variant beside it
 * ({@link Said#switchboard()}), which the route plays when the contact turns out to be away:
 * the caller never hears a name whose phone will not ring.
 *
 * <p>One apply asks for the same organisation's windows three times (the dialplan, the files
 * to make, the files to keep); they are worded once per {@link Staff} object and remembered
 * while that object lives ({@link #windows(Staff)}).
 */
public final class AbsenceAnnouncements {

  /** One sentence and the name of its file (no extension). */
  public record Sound(String name, String text, Language language) {}

  /**
   * What a caller hears for one target: {@code sound} names where the call goes; when that is a
   * person, {@code switchboard} is the same sentence ending with the switchboard, played when
   * the person is away too at call time; null when the sentence names no person.
   */
  public record Said(Sound sound, Sound switchboard) {
    public Said {
      Objects.requireNonNull(sound, "sound");
    }

    /** Both files, the switchboard variant second when there is one. */
    public List<Sound> sounds() {
      return switchboard == null ? List.of(sound) : List.of(sound, switchboard);
    }
  }

  /**
   * The sounds of one absence window: its fallback target's and, per target of
   * {@link CallRouting.Route#weekly()}, that target's.
   */
  public record Window(Absence absence, Said fallback, Map<CallRouting.Target, Said> weekly) {
    /** Every file of the window, the switchboard variants included. */
    public List<Sound> sounds() {
      List<Sound> all = new ArrayList<>(fallback.sounds());
      weekly.values().forEach(s -> all.addAll(s.sounds()));
      return all;
    }
  }

  /** The windows of one organisation as worded, while its Staff object lives. */
  private record Memo(WeakReference<Staff> staff, Map<String, List<Window>> windows) {}

  private final AnnouncementText text;
  private final WorkingDays workingDays;
  private final List<Memo> memo = new ArrayList<>();

  public AbsenceAnnouncements(Templates templates, WorkingDays workingDays) {
    this.text = new AnnouncementText(templates);
    this.workingDays = Objects.requireNonNull(workingDays, "workingDays");
  }

  /** The engine an organisation's settings name: its own command, else espeak-ng. */
  public static SpeechEngine engine(SpeechSettings settings) {
    return settings.command().isEmpty()
        ? new EspeakEngine(settings.timeout())
        : new CommandEngine(settings.command(), settings.timeout());
  }

  /** The sound store of an organisation: its own subdirectory of the sounds directory. */
  public static SoundStore store(SpeechSettings settings) {
    return new SoundStore(java.nio.file.Path.of(settings.writeDir()), engine(settings));
  }

  /**
   * The windows of one person's absences, in {@link Person#absences()} order; empty when the
   * person is not announced ({@link SpeechSettings#announces}) or has no extension.
   */
  public List<Window> windows(Staff staff, Person person) {
    List<Window> known = windows(staff).get(person.id());
    return known != null ? known : worded(staff, person);
  }

  /**
   * Every announced person's windows by staff id, worded on the first call for this Staff
   * object and remembered while it lives: generate, ensure and retain of one apply word each
   * sentence once. Identity, not equality: a Staff read again is worded again, and comparing
   * two organisations of 50,000 people would cost more than it saves.
   */
  public Map<String, List<Window>> windows(Staff staff) {
    synchronized (memo) {
      memo.removeIf(m -> m.staff().get() == null);
      for (Memo m : memo) {
        if (m.staff().get() == staff) {
          return m.windows();
        }
      }
      Map<String, List<Window>> all = new LinkedHashMap<>();
      for (Person p : staff.people()) {
        List<Window> w = worded(staff, p);
        if (!w.isEmpty()) {
          all.put(p.id(), w);
        }
      }
      Map<String, List<Window>> windows = java.util.Collections.unmodifiableMap(all);
      memo.add(new Memo(new WeakReference<>(staff), windows));
      return windows;
    }
  }

  private List<Window> worded(Staff staff, Person person) {
    SpeechSettings settings = staff.speech();
    if (!settings.announces(person) || !person.hasExtension()) {
      return List.of();
    }
    SpeechEngine engine = engine(settings);
    List<Window> out = new ArrayList<>();
    for (Absence a : person.absences()) {
      CallRouting.Route route = CallRouting.route(staff, a);
      Said fallback = said(staff, person, a, Coverage.planned(staff, a, 0), engine);
      Map<CallRouting.Target, Said> weekly = new LinkedHashMap<>();
      for (Map.Entry<CallRouting.Target, SortedSet<Integer>> e : route.weekly().entrySet()) {
        weekly.put(e.getKey(), said(staff, person, a,
            Coverage.planned(staff, a, e.getValue().first()), engine));
      }
      out.add(new Window(a, fallback, weekly));
    }
    return List.copyOf(out);
  }

  /**
   * The sounds an apply must have on disk at {@code now}: those of every absence that has not
   * ended. Past windows are named in the dialplan too (it does not depend on the date) but never
   * match a call again, so their files are not made, and are removed.
   */
  public Set<Sound> needed(Staff staff, LocalDateTime now) {
    Set<Sound> needed = new LinkedHashSet<>();
    for (List<Window> windows : windows(staff).values()) {
      for (Window w : windows) {
        if (w.absence().end().isAfter(now)) {
          needed.addAll(w.sounds());
        }
      }
    }
    return needed;
  }

  /**
   * What vaxel speaks as an absent person's temporary greeting (docs/speech.md, "The temporary
   * greeting"): the organisation's own absence greeting ({@code absence-greeting.ftl}, the
   * words the policy has a person record) read out, when it comes out speakable: no digit (a
   * template that does not word its numbers, a digit in a workplace) and at most
   * {@link AnnouncementText#MAX_CHARS} characters. Otherwise the announcement's sentence, ending
   * "Du kan lämna ett meddelande efter tonen". {@code cover} is who takes the calls now, as
   * {@link Coverage#at} decides it.
   */
  public String temporaryGreeting(Staff staff, Person person, Absence absence,
      Coverage.Cover cover, java.time.LocalDate today, se.vaxel.render.Texts texts) {
    Language language = staff.languageOf(person);
    String greeting = texts.spokenAbsenceGreeting(staff, person, language, absence, cover, today);
    if (!greeting.isEmpty() && greeting.length() <= AnnouncementText.MAX_CHARS
        && greeting.chars().noneMatch(Character::isDigit)) {
      return greeting;
    }
    return text.render(Announcement.of(person.fullName(), language, absence,
        workingDays.returnDay(absence), Announcement.Target.voicemail()));
  }

  /**
   * What a caller hears of one absence with one cover: the sentence of where the call goes
   * and, when that names a person, its switchboard variant.
   */
  public Said said(Staff staff, Person person, Absence absence, Coverage.Cover cover,
      SpeechEngine engine) {
    Announcement.Target target = Announcement.Target.of(cover);
    Sound sound = sound(staff, person, absence, target, engine);
    return new Said(sound, target.kind() == Announcement.Kind.PERSON
        ? sound(staff, person, absence, Announcement.Target.switchboard(), engine) : null);
  }

  /** The sentence of one absence with one target, and its file name. */
  public Sound sound(Staff staff, Person person, Absence absence, Announcement.Target target,
      SpeechEngine engine) {
    Language language = staff.languageOf(person);
    Announcement a = Announcement.of(person.fullName(), language, absence,
        workingDays.returnDay(absence), target);
    String sentence = text.render(a);
    return new Sound(SoundStore.nameOf(engine, sentence, language), sentence, language);
  }
}
