'use strict';
// Cities from the gazetteer (profiles/admin/gazetteer.py). The city form's "find in the gazetteer": choosing a gazetteer city fills in its
// name, country, coordinates and GeoNames id (the server fills them too when
// scripts are off). A static file: the Content-Security-Policy allows no inline script.
{
    const $ = django.jQuery;
    const FIELDS = ['name', 'country_code', 'country_name', 'latitude', 'longitude', 'geonames_id'];

    $(function() {
        $('select.gazetteer-fill').on('select2:select', (event) => {
            const details = event.params.data.details;
            if (!details) {
                return;
            }
            const form = event.target.form;
            for (const name of FIELDS) {
                const input = form.elements.namedItem(name);
                if (input && details[name] !== undefined && details[name] !== null) {
                    input.value = details[name];
                    input.dispatchEvent(new Event('change', {bubbles: true}));
                }
            }
        });
    });
}
