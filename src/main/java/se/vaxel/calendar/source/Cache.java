package se.vaxel.calendar.source;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import se.vaxel.output.AtomicFiles;

/**
 * What a source kept from its last read of each person: the validators (ETag, Last-Modified,
 * ctag) that let the next read be conditional, and the documents, which an unchanged read
 * returns without asking the server for them.
 *
 * <p>One file per person, {@code <id>.cache}, in the state directory, written atomically
 * ({@link AtomicFiles}) so a sync that dies leaves the previous read whole. It holds the
 * calendars' text, private events included, so the directory is made owner-only (0700) when
 * the cache creates it. A file that cannot be read, or was kept for another address or kind of
 * source, counts as no file: the next read is then a full one, never a wrong one.
 */
final class Cache {
  private static final String FORMAT = "1";

  private final Path dir;

  /** One document of a calendar as the server named and versioned it. */
  record Resource(String href, String etag, String data) {}

  /** A person's kept read; {@link #NONE} when there is none. */
  record Kept(String kind, String url, Map<String, String> validators, List<Resource> resources) {
    static final Kept NONE = new Kept("", "", Map.of(), List.of());

    Kept {
      validators = Map.copyOf(validators);
      resources = List.copyOf(resources);
    }

    boolean isFor(String kind, String url) {
      return this.kind.equals(kind) && this.url.equals(url);
    }

    String validator(String name) {
      return validators.get(name);
    }

    List<String> documents() {
      return resources.stream().map(Resource::data).toList();
    }
  }

  /** @param dir the state directory, or null to keep nothing (every read is a full one) */
  Cache(Path dir) {
    this.dir = dir;
  }

  Path dir() {
    return dir;
  }

  /** Creates the directory (owner-only) if missing, so a broken path shows up before any read. */
  void prepare() throws IOException {
    if (dir != null && !Files.isDirectory(dir)) {
      Files.createDirectories(dir.getParent() == null ? dir : dir.getParent());
      Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
          PosixFilePermissions.fromString("rwx------")));
    }
    if (dir != null && !Files.isWritable(dir)) {
      throw new IOException(dir + ": not writable by this user");
    }
  }

  /** The person's file; an id that could name another directory's file is refused. */
  Path file(String personId) throws IOException {
    if (personId.isEmpty() || personId.contains("/") || personId.contains("\0")) {
      throw new IOException("the id '" + personId + "' cannot name a file");
    }
    return dir.resolve(personId + ".cache");
  }

  Kept load(String personId) {
    if (dir == null) {
      return Kept.NONE;
    }
    String text;
    try {
      text = Files.readString(file(personId), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return Kept.NONE; // missing or unreadable: read everything again
    }
    try {
      Properties p = new Properties();
      p.load(new StringReader(text));
      if (!FORMAT.equals(p.getProperty("format"))) {
        return Kept.NONE;
      }
      Map<String, String> validators = new LinkedHashMap<>();
      for (String key : p.stringPropertyNames()) {
        if (key.startsWith("v.")) {
          validators.put(key.substring(2), p.getProperty(key));
        }
      }
      int count = Integer.parseInt(p.getProperty("resources", "0"));
      List<Resource> resources = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        String href = p.getProperty("r." + i + ".href");
        String data = p.getProperty("r." + i + ".data");
        if (href == null || data == null) {
          return Kept.NONE;
        }
        resources.add(new Resource(href, p.getProperty("r." + i + ".etag", ""), data));
      }
      return new Kept(p.getProperty("kind", ""), p.getProperty("url", ""), validators,
          resources);
    } catch (IOException | IllegalArgumentException e) {
      return Kept.NONE;
    }
  }

  void save(String personId, Kept kept) throws IOException {
    if (dir == null) {
      return;
    }
    Properties p = new Properties();
    p.setProperty("format", FORMAT);
    p.setProperty("kind", kept.kind());
    p.setProperty("url", kept.url());
    kept.validators().forEach((k, v) -> p.setProperty("v." + k, v));
    p.setProperty("resources", Integer.toString(kept.resources().size()));
    for (int i = 0; i < kept.resources().size(); i++) {
      Resource r = kept.resources().get(i);
      p.setProperty("r." + i + ".href", r.href());
      p.setProperty("r." + i + ".etag", r.etag());
      p.setProperty("r." + i + ".data", r.data());
    }
    StringWriter w = new StringWriter();
    p.store(w, null);
    // Properties.store begins with the date as a comment: without it an unchanged read
    // writes nothing.
    String text = w.toString().replaceFirst("\\A#[^\n]*\n", "");
    AtomicFiles.writeIfChanged(file(personId), text);
  }
}
