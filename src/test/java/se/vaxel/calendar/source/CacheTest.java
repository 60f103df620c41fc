package se.vaxel.calendar.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheTest {
  @TempDir Path dir;

  @Test
  void aKeptReadComesBackAsItWasWrittenAndAnUnchangedOneIsNotRewritten() throws Exception {
    Cache cache = new Cache(dir.resolve("org"));
    cache.prepare();
    Cache.Kept kept = new Cache.Kept("caldav", "https://cal.example/å/", Map.of("token",
        "ctag:\"42\""), List.of(new Cache.Resource("/å/calendar/a.ics", "\"e1\"",
            "BEGIN:VCALENDAR\r\nSUMMARY:MÖT: styrelse = ja\r\n\tfolded\r\nEND:VCALENDAR\r\n"),
        new Cache.Resource("/å/calendar/b.ics", "", "second")));
    cache.save("anna.berg", kept);
    Path file = dir.resolve("org/anna.berg.cache");
    long modified = Files.getLastModifiedTime(file).toMillis();
    assertEquals(kept, cache.load("anna.berg"));
    assertTrue(kept.isFor("caldav", "https://cal.example/å/"));
    assertFalse(kept.isFor("ical-feed", "https://cal.example/å/"));
    assertFalse(kept.isFor("caldav", "https://cal.example/other/"));

    Thread.sleep(20);
    cache.save("anna.berg", kept);
    assertEquals(modified, Files.getLastModifiedTime(file).toMillis(), "no date comment");
  }

  @Test
  void aMissingDamagedOrForeignFileIsNoFile() throws Exception {
    Cache cache = new Cache(dir);
    assertSame(Cache.Kept.NONE, cache.load("nobody"));
    Files.writeString(dir.resolve("broken.cache"), "format=1\nresources=2\nr.0.href=/x\n");
    assertSame(Cache.Kept.NONE, cache.load("broken"));
    Files.writeString(dir.resolve("bad.cache"), "format=1\nresources=many\n");
    assertSame(Cache.Kept.NONE, cache.load("bad"));
    Files.writeString(dir.resolve("old.cache"), "format=0\n");
    assertSame(Cache.Kept.NONE, cache.load("old"));
    assertSame(Cache.Kept.NONE, new Cache(null).load("anyone"));
  }

  @Test
  void anIdThatWouldLeaveTheDirectoryIsRefused() {
    Cache cache = new Cache(dir.resolve("org"));
    assertSame(Cache.Kept.NONE, cache.load("../escape"));
    java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(
        java.io.IOException.class, () -> cache.save("../escape", Cache.Kept.NONE));
    assertEquals("the id '../escape' cannot name a file", e.getMessage());
    assertFalse(Files.exists(dir.resolve("escape.cache")));
  }
}
