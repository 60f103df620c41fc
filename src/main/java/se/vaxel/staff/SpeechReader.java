package se.vaxel.staff;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import se.vaxel.model.SpeechSettings;

/**
 * staff.yaml's {@code speech:} block and each person's {@code announcement:} (docs/speech.md),
 * kept apart from {@link StaffReader} so that the loader's other blocks grow without it.
 *
 * <pre>
 * speech:
 *   announcement: true            # default true once the block is there
 *   sounds-dir: /var/lib/asterisk/sounds/vaxel
 *   playback-dir: /var/lib/asterisk/sounds/vaxel   # as Asterisk sees it; default sounds-dir
 *   command: [/usr/local/bin/tts, --voice, "{lang}"]  # default espeak-ng
 *   timeout: 30                   # seconds per sentence, 1 to 600
 *   temporary-greeting: false     # speak a temporary greeting for people without one
 *   voicemail-spool: /var/spool/asterisk/voicemail   # where apply places it
 * </pre>
 */
final class SpeechReader {
  static final List<String> KEYS = List.of("announcement", "sounds-dir", "playback-dir",
      "command", "timeout", "temporary-greeting", "voicemail-spool");
  /** The person's key. */
  static final String PERSON_KEY = "announcement";
  static final int MAX_TIMEOUT = 600;
  private static final String DIR_RULE = "must be an absolute path of letters, digits and"
      + " / _ . - (Asterisk's Playback cannot take commas, parentheses or spaces), without ..";

  private final Problems problems;
  private final Set<String> silent = new HashSet<>();
  private boolean given;
  private boolean announce;
  private String soundsDir = SpeechSettings.DEFAULT_DIR;
  private String playbackDir;
  private List<String> command = List.of();
  private Duration timeout = SpeechSettings.DEFAULT_TIMEOUT;
  private boolean temporaryGreeting;
  private String voicemailSpool = SpeechSettings.DEFAULT_SPOOL;

  SpeechReader(Problems problems) {
    this.problems = problems;
  }

  /** Reads the block; problems are collected, never thrown. */
  void block(MappingNode node) {
    given = true;
    Fields f = new Fields(node, "speech", KEYS, problems);
    announce = bool(f.scalar("announcement", false), "announcement", true);
    temporaryGreeting = bool(f.scalar("temporary-greeting", false), "temporary-greeting", false);
    String sounds = dir(f.scalar("sounds-dir", false), "sounds-dir");
    if (sounds != null) {
      soundsDir = sounds;
    }
    playbackDir = dir(f.scalar("playback-dir", false), "playback-dir");
    String spool = dir(f.scalar("voicemail-spool", false), "voicemail-spool");
    if (spool != null) {
      voicemailSpool = spool;
    }
    ScalarNode timeoutNode = f.scalar("timeout", false);
    if (timeoutNode != null) {
      String text = timeoutNode.getValue().strip();
      if (text.matches("[0-9]{1,3}") && Integer.parseInt(text) >= 1
          && Integer.parseInt(text) <= MAX_TIMEOUT) {
        timeout = Duration.ofSeconds(Integer.parseInt(text));
      } else {
        problems.add(timeoutNode, "timeout " + FreeText.quoted(text) + " must be a whole number"
            + " of seconds from 1 to " + MAX_TIMEOUT);
      }
    }
    SequenceNode commandNode = f.sequence("command", false);
    if (commandNode != null) {
      command = command(commandNode);
    }
  }

  private List<String> command(SequenceNode node) {
    List<String> argv = new ArrayList<>();
    for (Node item : node.getValue()) {
      if (!(item instanceof ScalarNode s) || Fields.isNull(item) || s.getValue().isEmpty()) {
        problems.add(item, "each item of command must be text (the program, then its"
            + " arguments), found " + (Fields.isNull(item) ? "nothing" : Fields.describe(item)));
        return List.of();
      }
      argv.add(s.getValue());
    }
    if (argv.isEmpty()) {
      problems.add(node, "command is empty; give the program's absolute path and its arguments,"
          + " or leave command out for espeak-ng");
    } else if (!argv.get(0).startsWith("/")) {
      problems.add(node.getValue().get(0), "command " + FreeText.quoted(argv.get(0))
          + " is not an absolute path; give the program's full path (it is not looked up in"
          + " PATH)");
    } else {
      for (int i = 0; i < argv.size(); i++) {
        String rest = argv.get(i).replace("{lang}", "");
        if (rest.contains("{")) {
          problems.add(node.getValue().get(i), "command argument "
              + FreeText.quoted(argv.get(i)) + " has a placeholder other than {lang}; the"
              + " sentence comes on stdin, never in the arguments");
        }
      }
    }
    return argv;
  }

  /** A person's {@code announcement:} key, if given. */
  void person(ScalarNode node, String personId) {
    if (node != null && !bool(node, "announcement", true) && personId != null) {
      silent.add(personId);
    }
  }

  SpeechSettings settings(String organisationId) {
    if (!given) {
      SpeechSettings off = SpeechSettings.off(organisationId);
      return new SpeechSettings(organisationId, false, off.soundsDir(), off.playbackDir(),
          List.of(), off.timeout(), false, off.voicemailSpool(), silent);
    }
    return new SpeechSettings(organisationId, announce, soundsDir,
        playbackDir == null ? soundsDir : playbackDir, command, timeout, temporaryGreeting,
        voicemailSpool, silent);
  }

  private boolean bool(ScalarNode node, String key, boolean fallback) {
    if (node == null) {
      return fallback;
    }
    String text = node.getValue().strip();
    if (text.equals("true") || text.equals("false")) {
      return Boolean.parseBoolean(text);
    }
    problems.add(node, key + " " + FreeText.quoted(text) + " must be true or false");
    return fallback;
  }

  private String dir(ScalarNode node, String key) {
    if (node == null) {
      return null;
    }
    String text = node.getValue().strip();
    if (!SpeechSettings.DIR.matcher(text).matches() || text.contains("..")) {
      problems.add(node, key + " " + FreeText.quoted(text) + " " + DIR_RULE);
      return null;
    }
    return text;
  }
}
