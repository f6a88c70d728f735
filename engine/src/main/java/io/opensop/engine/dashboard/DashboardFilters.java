package io.opensop.engine.dashboard;

/**
 * What a viewer narrowed the dashboard to: a period ({@code week}, {@code month}, {@code quarter},
 * {@code year}: the current one in the viewer's zone; null or {@code all} for no limit), and the
 * owners' region or team. Each is optional.
 */
public record DashboardFilters(String period, String region, String team) {

    public static DashboardFilters none() {
        return new DashboardFilters(null, null, null);
    }
}
