package io.opensop.engine.notify;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;

/** E-mail over SMTP (Jakarta Mail): a plain-text message to the user's address. */
public final class EmailChannel implements NotificationChannel {

    /** @param username and password optional; {@code startTls} asks the server to upgrade the connection */
    public record Settings(String host, int port, String from, String username, String password, boolean startTls) {
    }

    private final Settings settings;
    private final Session session;

    public EmailChannel(Settings settings) {
        this.settings = settings;
        Properties properties = new Properties();
        properties.put("mail.smtp.host", settings.host());
        properties.put("mail.smtp.port", String.valueOf(settings.port()));
        properties.put("mail.smtp.connectiontimeout", "10000");
        properties.put("mail.smtp.timeout", "10000");
        properties.put("mail.smtp.writetimeout", "10000");
        properties.put("mail.smtp.auth", String.valueOf(settings.username() != null && !settings.username().isBlank()));
        properties.put("mail.smtp.starttls.enable", String.valueOf(settings.startTls()));
        this.session = Session.getInstance(properties);
    }

    @Override
    public String channel() {
        return NotificationService.EMAIL;
    }

    @Override
    public void send(Outgoing message) throws Exception {
        MimeMessage mail = new MimeMessage(session);
        mail.setFrom(new InternetAddress(settings.from()));
        mail.setRecipient(Message.RecipientType.TO, new InternetAddress(message.email(), message.displayName(),
                StandardCharsets.UTF_8.name()));
        mail.setSubject(message.title(), StandardCharsets.UTF_8.name());
        mail.setText(message.body(), StandardCharsets.UTF_8.name());
        mail.setSentDate(new Date());
        if (settings.username() != null && !settings.username().isBlank()) {
            Transport.send(mail, settings.username(), settings.password());
        } else {
            Transport.send(mail);
        }
    }
}
