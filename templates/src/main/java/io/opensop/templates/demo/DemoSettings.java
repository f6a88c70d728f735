package io.opensop.templates.demo;

import java.time.YearMonth;
import java.util.List;

/**
 * What {@link SalesDemoGenerator} makes: {@code reps} sales reps spread over {@code regions} (one
 * manager per region, one director above them), {@code customers} customers with their leads,
 * follow-ups, opportunities, contracts and payments dated in {@code month}, all from {@code seed}.
 *
 * @param prefix usernames start with it ({@code gen_rep01}, {@code gen_mgr_east}), so generated people
 *               never clash with real ones and a second run finds the first
 */
public record DemoSettings(int reps, int customers, YearMonth month, long seed, List<String> regions,
                           String prefix) {

    public static final List<String> REGIONS = List.of("east", "north", "south", "west");

    public DemoSettings {
        if (reps < 1 || customers < 0) {
            throw new IllegalArgumentException("at least one rep and no negative number of customers");
        }
        regions = regions == null || regions.isEmpty() ? REGIONS : List.copyOf(regions);
        prefix = prefix == null || prefix.isBlank() ? "gen_" : prefix;
    }

    public static DemoSettings of(int reps, int customers, YearMonth month, long seed) {
        return new DemoSettings(reps, customers, month, seed, REGIONS, "gen_");
    }
}
