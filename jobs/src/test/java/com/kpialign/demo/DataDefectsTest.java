package com.kpialign.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDefectsTest {
  static final LocalDate START = LocalDate.of(2024, 1, 1);

  @TempDir Path dir;

  static List<String> lines(Path out, int day, String file) throws IOException {
    return Files.readAllLines(out.resolve(START.plusDays(day).toString()).resolve(file));
  }

  @Test
  void theDefectsAreInTheFilesAndListed() throws IOException {
    Path planted = dir.resolve("planted");
    DemoCompany.generate(new DemoCompany.Settings(START, 262, 0.02, 5), planted);
    List<String> orders = lines(planted, 130, "orders.csv");
    int amount = List.of(orders.get(0).split(",")).indexOf("net_amount");
    for (int i = 1; i < orders.size(); i++) {
      assertEquals(i % 6 == 0, orders.get(i).split(",", -1)[amount].isEmpty(), orders.get(i));
    }
    List<String> shipments = lines(planted, 160, "shipments.csv");
    List<String> dayBefore = lines(planted, 159, "shipments.csv");
    assertTrue(shipments.containsAll(dayBefore.subList(1, dayBefore.size())));
    List<String> customers = lines(planted, 240, "customers.csv");
    int region = List.of(customers.get(0).split(",")).indexOf("region");
    long blank = customers.stream().skip(1).filter(l -> l.split(",", -1)[region].isEmpty())
        .count();
    assertEquals((customers.size() - 1) / 10, blank);
    List<String> partial = lines(planted, 260, "orders.csv");
    // 40% of a day's orders: well under the day before's
    assertTrue(partial.size() > 1
        && partial.size() < 0.6 * lines(planted, 259, "orders.csv").size(), partial.size() + "");

    List<String> listed = Files.readAllLines(planted.resolve(DataDefects.FILE));
    assertEquals(List.of("defect_id", "null_amounts", "duplicated_extract", "missing_region",
        "partial_extract"), listed.stream().map(l -> l.split(",")[0]).toList());
    assertEquals("null_amounts,2024-05-10,orders.csv", listed.get(1).substring(0, 34));
  }
}
