package se.vaxel.pbx;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import se.vaxel.live.LiveOverride;
import se.vaxel.model.Staff;
import se.vaxel.speech.AbsenceAnnouncements;
import se.vaxel.speech.PhraseKit;
import se.vaxel.speech.SoundStore;

/**
 * The phone codes' phrase kit as a {@link SoundProducer}: the organisation's phrases (about 165
 * files a language, in each language in use: its own, and any other a person with an extension
 * has, {@link PhraseKit#languages}) are made before the reload when missing, so the first apply
 * speaks them once and every later one makes nothing; afterwards the phrase files the kit no
 * longer names (a changed template, voice, or a language nobody has any more) go. Without
 * {@code speech:} the codes play Asterisk's stock sounds and nothing is made.
 */
public final class PhraseSounds implements SoundProducer {
  private final PhraseKit kit;

  public PhraseSounds(PhraseKit kit) {
    this.kit = kit;
  }

  @Override
  public void ensure(Staff staff, Instant now) {
    if (!staff.speech().announce()) {
      return;
    }
    SoundStore store = store(staff);
    kit.needed(staff).forEach((language, phrases) -> {
      for (String words : phrases.values()) {
        store.ensure(words, language);
      }
    });
  }

  @Override
  public int retain(Staff staff, Collection<LiveOverride> live, Instant now) {
    SoundStore store = store(staff);
    Set<String> used = new HashSet<>();
    kit.needed(staff).forEach((language, phrases) -> {
      for (String words : phrases.values()) {
        used.add(store.nameOf(words, language));
      }
    });
    return store.retain(used, now);
  }

  /** The live overrides never name a phrase. */
  @Override
  public boolean needsLive(Staff staff) {
    return false;
  }

  private static SoundStore store(Staff staff) {
    return SoundStore.phrases(Path.of(staff.speech().writeDir()),
        AbsenceAnnouncements.engine(staff.speech()));
  }
}
