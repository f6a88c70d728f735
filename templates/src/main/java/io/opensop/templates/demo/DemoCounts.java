package io.opensop.templates.demo;

/** What a generator run wrote so far (records through the record service, people in the directory). */
public record DemoCounts(int users, long customers, long leads, long followups, long opportunities,
                         long stageMoves, long contracts, long payments) {

    public long records() {
        return customers + leads + followups + opportunities + contracts + payments;
    }
}
