package dev.deployer.examples.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Answers its version on {@code /}; health on {@code /actuator/health}; port from {@code PORT}. */
@SpringBootApplication
@RestController
public class SpringHello {
    static final String VERSION = "1";

    @GetMapping("/")
    String hello() {
        return "hello from spring-hello " + VERSION + "\n";
    }

    public static void main(String[] args) {
        System.setProperty("server.port", System.getenv().getOrDefault("PORT", "8080"));
        SpringApplication.run(SpringHello.class, args);
    }
}
