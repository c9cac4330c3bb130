'use strict';
// A story's admin page: words chosen in the text (a selection, or a mention
// reached with Tab and Enter) fill the fix form's offsets. Each paragraph says
// where it starts in the story (data-start), and its text is the story's text,
// so an offset is that start plus the length of the text before the point.
// A static file: the Content-Security-Policy allows no inline script.
document.addEventListener('DOMContentLoaded', () => {
    const text = document.getElementById('story-text');
    const form = document.getElementById('story-fix-form');
    if (text && form) {
        const startInput = form.elements.namedItem('start');
        const endInput = form.elements.namedItem('end');
        const mentionSelect = form.elements.namedItem('mention');
        const chosen = document.getElementById('story-fix-chosen');

        const offsetOf = (node, offset) => {
            const element = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
            const paragraph = element && element.closest('p[data-start]');
            if (!paragraph || !text.contains(paragraph)) {
                return null;
            }
            const range = document.createRange();
            range.setStart(paragraph, 0);
            range.setEnd(node, offset);
            return Number(paragraph.dataset.start) + range.toString().length;
        };

        const choose = (start, end, words) => {
            if (start === null || end === null || end <= start) {
                return false;
            }
            startInput.value = start;
            endInput.value = end;
            mentionSelect.value = '';
            chosen.textContent = `Chosen: “${words}” (characters ${start} to ${end}).`;
            return true;
        };

        const fromSelection = () => {
            const selection = window.getSelection();
            if (!selection || selection.isCollapsed || selection.rangeCount === 0) {
                return;
            }
            const range = selection.getRangeAt(0);
            const raw = range.toString();
            const words = raw.trim();
            if (!words) {
                return;
            }
            const start = offsetOf(range.startContainer, range.startOffset);
            const end = offsetOf(range.endContainer, range.endOffset);
            if (start === null || end === null) {
                return;
            }
            const leading = raw.length - raw.trimStart().length;
            const trailing = raw.length - raw.trimEnd().length;
            choose(start + leading, end - trailing, words.replace(/\s+/g, ' '));
        };
        text.addEventListener('mouseup', fromSelection);
        text.addEventListener('keyup', fromSelection);

        const firstChoice = form.querySelector('input[name="what"]');
        for (const mention of text.querySelectorAll('.mention')) {
            mention.tabIndex = 0;
            mention.setAttribute('role', 'button');
            mention.setAttribute('aria-label', `${mention.textContent.trim()}: choose these words`);
            const activate = (event) => {
                event.preventDefault();
                const start = offsetOf(mention, 0);
                if (choose(start, start + mention.textContent.length, mention.textContent) && firstChoice) {
                    (form.querySelector('input[name="what"]:checked') || firstChoice).focus();
                }
            };
            mention.addEventListener('click', activate);
            mention.addEventListener('keydown', (event) => {
                if (event.key === 'Enter' || event.key === ' ') {
                    activate(event);
                }
            });
        }
        mentionSelect.addEventListener('change', () => {
            startInput.value = '';
            endInput.value = '';
            chosen.textContent = mentionSelect.value ? `Chosen: ${mentionSelect.selectedOptions[0].text}.` : '';
        });
    }
});
