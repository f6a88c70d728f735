package io.opensop.runtime.ui.designer;

import static org.assertj.core.api.Assertions.assertThat;

import io.opensop.engine.security.Actor;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DesignerNavTest {

    private static Actor with(String... roles) {
        return new Actor(1L, "someone", Set.of(roles), Locale.ENGLISH, null);
    }

    /** The section's items need a running router; FormDesignerBrowserTest shows them to the designer. */
    @Test
    void onlyDesignersAndAdminsSeeTheDesignerSection() {
        assertThat(DesignerNav.visibleTo(with("designer"))).isTrue();
        assertThat(DesignerNav.visibleTo(with("admin"))).isTrue();
        assertThat(DesignerNav.visibleTo(with("sales_rep", "sales_manager", "finance"))).isFalse();
        assertThat(DesignerNav.create(with("sales_rep"), key -> key)).isEmpty();
    }

    @Test
    void theDesignerRoutesAreForDesignersAndAdminsOnly() {
        for (Class<?> view : new Class<?>[] {FormCatalogView.class, FormDesignerView.class}) {
            assertThat(view.getAnnotation(jakarta.annotation.security.RolesAllowed.class).value())
                    .containsExactlyInAnyOrder("designer", "admin");
        }
    }
}
