package se.vaxel.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every change made through {@code vaxel serve}, one JSON object a line, appended and forced to
 * disk before the change is answered: who, when, what, before and after (docs/serve.md). The
 * file is only ever appended to; rotating it is logrotate's business (copytruncate is not
 * needed: the file is opened for each entry).
 */
public final class AuditLog {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;

  public AuditLog(Path file) {
    this.file = file;
  }

  public Path file() {
    return file;
  }

  /**
   * Appends one entry.
   *
   * @param before the state before, as the console shows it (null for none)
   * @param after the state after (null for none)
   */
  public synchronized void append(Instant when, String who, String what, String person,
      Object before, Object after) throws IOException {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("time", when.toString());
    entry.put("who", who);
    entry.put("what", what);
    entry.put("person", person);
    entry.put("before", before);
    entry.put("after", after);
    byte[] line = (JSON.writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8);
    Path dir = file.toAbsolutePath().getParent();
    if (dir != null) {
      Files.createDirectories(dir);
    }
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE,
        StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      ByteBuffer buf = ByteBuffer.wrap(line);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    }
  }
}
