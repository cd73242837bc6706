package org.newswire.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class BufferPoolTest {
  private static final long MIB = 1L << 20;
  private static final long GIB = 1L << 30;

  @Test
  void autoAddsTheWindowsStoryIndexToTheDefaultPoolRoundedUpToAGib() {
    // 500,000 items: 1.85 GB of story index on top of the default 128 MiB.
    assertEquals(OptionalLong.of(2 * GIB),
        BufferPool.wanted("auto", 500_000, true, 128 * MIB));
    // 150,000 items (the cold scenario): 555 MB, one GiB with the 128 MiB.
    assertEquals(OptionalLong.of(GIB), BufferPool.wanted("auto", 150_000, true, 128 * MIB));
  }

  @Test
  void autoLeavesAPoolAloneWithStoriesOffOrWhenItIsLargeEnough() {
    assertTrue(BufferPool.wanted("auto", 500_000, false, 128 * MIB).isEmpty());
    assertTrue(BufferPool.wanted("auto", 500_000, true, 2 * GIB).isEmpty());
    assertEquals(OptionalLong.of(2 * GIB), BufferPool.wanted("auto", 500_000, true, GIB));
  }

  @Test
  void asIsAndSmallerSizesNeverChangeThePool() {
    assertTrue(BufferPool.wanted("as-is", 500_000, true, 128 * MIB).isEmpty());
    assertTrue(BufferPool.wanted("64", 500_000, true, 128 * MIB).isEmpty());
    assertEquals(OptionalLong.of(3 * GIB), BufferPool.wanted("3072", 10, false, 128 * MIB));
  }

  @Test
  void theOptionTakesAutoAsIsOrMib() {
    assertEquals("auto", Options.parse(new String[0]).bufferPool());
    assertEquals("as-is", Options.parse(new String[] {"--buffer-pool", "as-is"}).bufferPool());
    assertEquals("4096", Options.parse(new String[] {"--buffer-pool", "4096"}).bufferPool());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Options.parse(new String[] {"--buffer-pool", "2g"}));
    assertTrue(e.getMessage().startsWith("--buffer-pool takes auto, as-is or a size in MiB"),
        e.getMessage());
  }
}
