package io.opensop.runtime.api;

import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:mem:transfer;DB_CLOSE_DELAY=-1")
class TransferApiOnH2Test extends TransferApiContract {
}
