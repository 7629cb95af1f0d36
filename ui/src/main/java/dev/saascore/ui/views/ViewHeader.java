package dev.saascore.ui.views;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;

/** The title row of a view: its heading on the left, its actions (if any) on the right. */
final class ViewHeader {

    private ViewHeader() {
    }

    static HorizontalLayout of(String title, Component... actions) {
        HorizontalLayout header = new HorizontalLayout(new H2(title));
        header.add(actions);
        header.setWidthFull();
        header.setAlignItems(FlexComponent.Alignment.BASELINE);
        header.setJustifyContentMode(FlexComponent.JustifyContentMode.BETWEEN);
        return header;
    }
}
