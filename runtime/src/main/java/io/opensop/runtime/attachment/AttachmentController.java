package io.opensop.runtime.attachment;

import io.opensop.engine.attachment.AttachmentContent;
import io.opensop.engine.attachment.AttachmentRef;
import io.opensop.engine.EngineServices;
import io.opensop.engine.attachment.AttachmentStore;
import io.opensop.engine.record.AttachmentDownloads;
import io.opensop.engine.error.Problem;
import io.opensop.engine.error.ValidationException;
import io.opensop.runtime.security.CurrentActor;
import java.io.IOException;
import java.net.URI;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Uploads return an id that attachment fields store; downloads are always served as attachments. */
@RestController
@RequestMapping("/api/attachments")
class AttachmentController {

    private final AttachmentStore attachments;
    private final AttachmentDownloads downloads;
    private final CurrentActor actor;
    private final long limit;

    AttachmentController(AttachmentStore attachments, EngineServices engine, CurrentActor actor,
                         @Value("${opensop.attachments.max-size:20971520}") long limit) {
        this.attachments = attachments;
        this.downloads = engine.attachmentDownloads();
        this.actor = actor;
        this.limit = limit;
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<AttachmentRef> upload(@RequestParam(value = "file", required = false) MultipartFile file)
            throws IOException {
        if (file == null || file.isEmpty()) {
            throw new ValidationException(Problem.of("file", "required"));
        }
        AttachmentRef ref = attachments.store(actor.get().username(), file.getOriginalFilename(), file.getContentType(),
                file.getInputStream(), limit);
        return ResponseEntity.created(URI.create("/api/attachments/" + ref.id())).body(ref);
    }

    /** Only for those who may read it (uploader, admin, readers of a record showing it); else 404. */
    @GetMapping("/{id}")
    ResponseEntity<byte[]> download(@PathVariable String id) {
        AttachmentContent content = downloads.open(actor.get(), id);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(content.ref().mediaType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(content.ref().name(), java.nio.charset.StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .body(content.bytes());
    }
}
