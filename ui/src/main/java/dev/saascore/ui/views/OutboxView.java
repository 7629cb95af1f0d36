package dev.saascore.ui.views;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinServletRequest;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import dev.saascore.ui.mail.LocalOutbox;
import dev.saascore.ui.mail.OutgoingMail;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The local outbox (embedded mode): every mail the platform would have sent, newest first, so invitation
 * links can be followed without a mail server. The mails hold single-use links, so it answers "not found"
 * unless the local outbox is enabled and the browser runs on this machine (a loopback address).
 */
@Route("outbox")
@PageTitle("Outbox · SaaS core")
@AnonymousAllowed
public class OutboxView extends VerticalLayout implements BeforeEnterObserver {

    private final LocalOutbox outbox;

    public OutboxView(LocalOutbox outbox) {
        this.outbox = outbox;
        Grid<OutgoingMail> mails = new Grid<>(OutgoingMail.class, false);
        mails.setId("outbox");
        mails.addColumn(mail -> Labels.date(mail.sentAt())).setHeader("Sent").setAutoWidth(true);
        mails.addColumn(OutgoingMail::to).setHeader("To").setAutoWidth(true);
        mails.addColumn(OutgoingMail::subject).setHeader("Subject").setAutoWidth(true);
        mails.setItemDetailsRenderer(new com.vaadin.flow.data.renderer.ComponentRenderer<>(mail -> {
            Paragraph body = new Paragraph(mail.body());
            body.getStyle().set("white-space", "pre-wrap");
            return body;
        }));
        mails.setItems(outbox.latest());
        add(new H2("Outbox"), new Paragraph("Mail is not delivered in embedded mode; it is kept here and in the log."),
                mails);
        setSizeFull();
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (!outbox.isEnabled() || !fromThisMachine()) {
            event.rerouteToError(NotFoundException.class);
        }
    }

    private static boolean fromThisMachine() {
        VaadinServletRequest request = VaadinServletRequest.getCurrent();
        try {
            return request != null && InetAddress.getByName(request.getRemoteAddr()).isLoopbackAddress();
        } catch (UnknownHostException notAnAddress) {
            return false;
        }
    }
}
