package io.opensop.runtime;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class OpenSopApplication {

    public static void main(String[] args) {
        SpringApplication.run(OpenSopApplication.class, args);
    }
}
