package se.vaxel.staff;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;
import se.vaxel.model.Staff;

/**
 * Reads staff.yaml into {@link Staff}, or fails with every problem in it, each at its line and
 * column. The only class in vaxel that talks to SnakeYAML; the rules themselves are in
 * {@link StaffReader}.
 *
 * <p>A staff file may come from anyone who can edit it, so what it can cost is bounded before
 * and while the node tree is built: at most {@link #MAX_BYTES} of text, {@link #MAX_NODES}
 * values (the tree takes some 350 bytes of heap per value, whatever the file's size in bytes),
 * {@link #MAX_DEPTH} levels of nesting, only one YAML document, no global tags, and no anchors
 * or aliases at all. staff.yaml has no use for anchors and aliases, and without them a
 * billion-laughs file is stopped at its first {@code &}; a value reached through an alias
 * would also carry its anchor's position, pointing problems at the wrong person.
 */
public final class StaffLoader {
  /** The largest staff file accepted, in bytes on disk or characters of text (64 MiB). */
  public static final int MAX_BYTES = 64 * 1024 * 1024;
  /** The most values (scalars, lists, mappings) accepted: room for about 80,000 people. */
  public static final int MAX_NODES = 2_000_000;

  static final int MAX_DEPTH = 20;

  private final int maxNodes;

  public StaffLoader() {
    this(MAX_NODES);
  }

  /** A smaller budget, so tests can reach it without building two million nodes. */
  StaffLoader(int maxNodes) {
    this.maxNodes = maxNodes;
  }

  public Staff load(Path file) throws StaffException, IOException {
    return read(file.toString(), compose(file)).staff();
  }

  public Staff parse(String fileName, String text) throws StaffException {
    return read(fileName, compose(fileName, text)).staff();
  }

  /**
   * One staff file read: the staff, or the problems; and in both cases where its platform-wide
   * values are ({@link StaffIndex}), for the checks across files; and the warnings of a file
   * that loads (see {@link PlatformLoader#loadWithWarnings}).
   */
  record Read(String file, Staff maybeStaff, List<Problem> problems, StaffIndex index,
      List<Problem> warnings) {
    Read(String file, Staff maybeStaff, List<Problem> problems, StaffIndex index) {
      this(file, maybeStaff, problems, index, List.of());
    }

    Staff staff() throws StaffException {
      if (maybeStaff == null) {
        throw new StaffException(problems);
      }
      return maybeStaff;
    }
  }

  /** Reads a composed staff file; never throws for what is wrong in it. */
  Read read(String fileName, Node root) {
    Problems problems = new Problems(fileName);
    if (root == null) {
      problems.add((Mark) null, "the file is empty; it needs organisation and staff");
      return new Read(fileName, null, problems.exception().problems(), StaffIndex.NONE);
    }
    StaffReader reader = new StaffReader(problems);
    try {
      Staff staff = reader.read(root);
      return new Read(fileName, staff, List.of(), reader.index(), reader.warnings());
    } catch (StaffException e) {
      return new Read(fileName, null, e.problems(), reader.index());
    }
  }

  /**
   * The node tree of a file, within the limits; null for an empty file. The platform loader
   * uses it too, so a platform file gets the same guards and is parsed once.
   */
  Node compose(Path file) throws StaffException, IOException {
    String name = file.toString();
    if (Files.isDirectory(file)) {
      throw new IOException(name + ": is a directory, not a staff file");
    }
    if (Files.isRegularFile(file) && Files.size(file) > MAX_BYTES) {
      throw tooLarge(name, "the file is " + Files.size(file) + " bytes");
    }
    // A device, a pipe or /dev/stdin has no size to ask for in advance, and /dev/zero never
    // ends: read one byte past the limit and no further, so what it costs stays bounded.
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAX_BYTES + 1);
    }
    if (bytes.length > MAX_BYTES) {
      throw tooLarge(name, "more than " + MAX_BYTES + " bytes were read without reaching the end");
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new StaffException(
          List.of(new Problem(name, 1, 1, "the file is not UTF-8 text; save it as UTF-8")));
    }
    return compose(name, text);
  }

  Node compose(String fileName, String text) throws StaffException {
    if (text.length() > MAX_BYTES) {
      throw tooLarge(fileName, "the file is " + text.length() + " bytes");
    }
    // A byte order mark is a common leftover of Windows editors; it is not content.
    String yaml = text.startsWith("\uFEFF") ? text.substring(1) : text;
    Problems problems = new Problems(fileName);
    Node root;
    try {
      root = composeYaml(yaml);
    } catch (LimitExceeded e) {
      problems.add(e.mark, e.getMessage());
      throw problems.exception();
    } catch (MarkedYAMLException e) {
      problems.add(e.getProblemMark(), "YAML: " + FreeText.printable(e.getProblem(), 200));
      throw problems.exception();
    } catch (ReaderException e) {
      int[] lineColumn = lineColumn(yaml, e.getPosition());
      problems.add(lineColumn[0], lineColumn[1], String.format(
          "the character U+%04X is not allowed in a YAML file", e.getCodePoint()));
      throw problems.exception();
    } catch (YAMLException e) {
      problems.add((Mark) null, "YAML: " + FreeText.printable(e.getMessage(), 200));
      throw problems.exception();
    }
    return root;
  }

  /** What {@code Yaml.compose} does, with the limits checked on every event as it passes. */
  private Node composeYaml(String yaml) {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(MAX_BYTES);
    // Backstops only: LimitedParser stops both earlier, and says where.
    options.setMaxAliasesForCollections(1);
    options.setNestingDepthLimit(MAX_DEPTH + 1);
    options.setAllowRecursiveKeys(false);
    // Compose keeps duplicate keys as separate entries; StaffReader reports them with position.
    options.setAllowDuplicateKeys(false);
    Parser parser = new LimitedParser(
        new ParserImpl(new StreamReader(new StringReader(yaml)), options), maxNodes);
    return new Composer(parser, new Resolver(), options).getSingleNode();
  }

  /**
   * Counts the events the composer takes and stops at the first anchor or alias, at the level
   * nested too deep, or at the value past the budget, with that event's position.
   */
  private static final class LimitedParser implements Parser {
    private final Parser parser;
    private final int maxNodes;
    private int depth;
    private int nodes;

    LimitedParser(Parser parser, int maxNodes) {
      this.parser = parser;
      this.maxNodes = maxNodes;
    }

    @Override
    public boolean checkEvent(Event.ID choice) {
      return parser.checkEvent(choice);
    }

    @Override
    public Event peekEvent() {
      return parser.peekEvent();
    }

    @Override
    public Event getEvent() {
      Event event = parser.getEvent();
      if (event instanceof AliasEvent
          || event instanceof NodeEvent node && node.getAnchor() != null) {
        throw new LimitExceeded(event, "anchors and aliases (& and *) are not allowed in"
            + " staff.yaml or platform.yaml; write each value out in full");
      }
      if (event instanceof NodeEvent && ++nodes > maxNodes) {
        throw new LimitExceeded(event, "more than " + maxNodes + " values; a staff file may"
            + " have at most " + maxNodes);
      }
      if (event instanceof CollectionStartEvent && ++depth > MAX_DEPTH) {
        throw new LimitExceeded(event, "nested more than " + MAX_DEPTH
            + " levels deep; staff.yaml needs five");
      }
      if (event instanceof CollectionEndEvent) {
        depth--;
      }
      return event;
    }
  }

  /** A limit of {@link LimitedParser}, thrown through the composer to {@link #parse}. */
  private static final class LimitExceeded extends YAMLException {
    private final transient Mark mark;

    LimitExceeded(Event event, String message) {
      super(message);
      this.mark = event.getStartMark();
    }
  }

  /** The 1-based line and column of a code point offset, as SnakeYAML counts lines. */
  private static int[] lineColumn(String text, int codePointOffset) {
    int line = 1;
    int column = 1;
    int offset = 0;
    for (int i = 0; i < text.length() && offset < codePointOffset; offset++) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      if (c == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return new int[] {line, column};
  }

  /** {@code what} was found; the limit and what to do follow in one message for all cases. */
  private static StaffException tooLarge(String fileName, String what) {
    return new StaffException(List.of(new Problem(fileName, 1, 1, what
        + "; a staff file may be at most " + MAX_BYTES + " bytes (64 MiB)")));
  }
}
