'use strict';
// select2 (the admin's autocompletes and the list's dropdown filters) draws its
// own combobox, named only by the chosen value: name it by the field's label
// too, for screen readers. Loaded after the scripts that start select2.
{
    const $ = django.jQuery;
    $(function() {
        $('select.select2-hidden-accessible').each(function() {
            const label = this.id && document.querySelector(`label[for="${this.id}"]`);
            const container = $(this).next('.select2');
            const combobox = container.find('.select2-selection')[0];
            if (!label || !combobox) {
                return;
            }
            label.id = label.id || `${this.id}-label`;
            const shown = combobox.getAttribute('aria-labelledby');
            if (!(shown || '').split(' ').includes(label.id)) {
                combobox.setAttribute('aria-labelledby', shown ? `${label.id} ${shown}` : label.id);
            }
            const rendered = container.find('.select2-selection__rendered')[0];
            if (rendered && rendered.getAttribute('role') === 'textbox') {
                rendered.setAttribute('aria-labelledby', label.id);
            }
        });
    });
}
