package io.opensop.designer.render;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.customfield.CustomField;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AnchorTarget;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.server.streams.UploadHandler;
import io.opensop.engine.attachment.AttachmentRef;
import io.opensop.engine.form.FieldDefinition;
import io.opensop.engine.form.FieldType;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Attachments (and, for now, signatures as an uploaded image): files go to the host's store as
 * they arrive; the field holds their references, each with a link that opens it.
 */
final class AttachmentEditor implements FieldEditor {

    private final FieldDefinition field;
    private final RenderContext context;
    private final boolean signature;
    private final List<AttachmentRef> files = new ArrayList<>();
    private final Div list = new Div();
    private final Upload upload = new Upload();
    private final FilesField component = new FilesField();

    AttachmentEditor(FieldDefinition field, RenderContext context) {
        this.field = field;
        this.context = context;
        this.signature = field.type() == FieldType.SIGNATURE;
        long limit = field.effectiveMaxSize();
        upload.setMaxFileSize((int) Math.min(limit, Integer.MAX_VALUE));
        upload.setDropAllowed(true);
        if (signature) {
            upload.setAcceptedFileTypes("image/png", "image/jpeg", ".png", ".jpg", ".jpeg");
            upload.setMaxFiles(1);
        }
        Button button = new Button(RenderMessages.get(context.locale(), signature ? "render.uploadImage"
                : "render.upload"), VaadinIcon.UPLOAD.create());
        upload.setUploadButton(button);
        upload.setUploadHandler(UploadHandler.inMemory((metadata, bytes) -> {
            try {
                AttachmentRef ref = context.storeAttachment(metadata.fileName(), metadata.contentType(),
                        new ByteArrayInputStream(bytes), limit);
                access(() -> {
                    if (signature) {
                        files.clear();
                    }
                    files.add(ref);
                    showError(null);
                    refresh();
                    upload.clearFileList();
                });
            } catch (Exception e) {
                access(() -> showError(RenderMessages.get(context.locale(), "render.uploadFailed",
                        e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())));
            }
        }));
        upload.addFileRejectedListener(rejected -> showError(rejected.getErrorMessage()));
        VerticalLayout body = new VerticalLayout(list, upload);
        body.setPadding(false);
        body.setSpacing(false);
        component.setContent(body);
        component.setWidthFull();
    }

    private void access(Runnable command) {
        UI ui = component.getUI().orElse(UI.getCurrent());
        if (ui == null) {
            command.run();
        } else {
            ui.access(command::run);
        }
    }

    /** Adds a file as if it had been uploaded (also used by tests). */
    void add(AttachmentRef ref) {
        files.add(ref);
        refresh();
    }

    Upload upload() {
        return upload;
    }

    List<AttachmentRef> files() {
        return files;
    }

    private void refresh() {
        list.removeAll();
        for (AttachmentRef ref : files) {
            String url = context.attachmentUrl(ref);
            Anchor link = new Anchor(url, ref.name());
            link.setTarget(AnchorTarget.BLANK);
            link.setRouterIgnore(true);
            Button remove = new Button(VaadinIcon.CLOSE_SMALL.create(), click -> {
                files.remove(ref);
                refresh();
            });
            remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_ERROR);
            remove.setAriaLabel(RenderMessages.get(context.locale(), "render.removeFile", ref.name()));
            HorizontalLayout row = new HorizontalLayout(link, remove);
            row.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
            if (signature) {
                Image image = new Image(url, ref.name());
                image.setMaxHeight("6em");
                image.setMaxWidth("100%");
                list.add(image);
            }
            list.add(row);
        }
    }

    @Override
    public FieldDefinition field() {
        return field;
    }

    @Override
    public Component component() {
        return component;
    }

    @Override
    public Object value() {
        return files.isEmpty() ? null : List.copyOf(files);
    }

    @Override
    public void setValue(Object value) {
        files.clear();
        for (Object item : FieldEditors.list(value)) {
            if (item instanceof AttachmentRef ref) {
                files.add(ref);
            } else if (item instanceof Map<?, ?> map && map.get("id") != null) {
                files.add(new AttachmentRef(String.valueOf(map.get("id")), String.valueOf(map.get("name")),
                        String.valueOf(map.get("mediaType")),
                        map.get("size") instanceof Number n ? n.longValue() : 0L));
            }
        }
        refresh();
    }

    @Override
    public boolean writable() {
        return true;
    }

    @Override
    public void showError(String message) {
        component.setErrorMessage(message);
        component.setInvalid(message != null);
    }

    @Override
    public String error() {
        return component.isInvalid() ? component.getErrorMessage() : null;
    }

    private final class FilesField extends CustomField<List<AttachmentRef>> {
        void setContent(Component content) {
            add(content);
        }

        @Override
        protected List<AttachmentRef> generateModelValue() {
            return List.copyOf(files);
        }

        @Override
        protected void setPresentationValue(List<AttachmentRef> value) {
            AttachmentEditor.this.setValue(value);
        }
    }
}
