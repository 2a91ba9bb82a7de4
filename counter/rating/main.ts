import { mount } from 'svelte';
import Placeholder from '@ui/Placeholder.svelte';

mount(Placeholder, { target: document.getElementById('app')!, props: { titleVi: 'Đánh giá mức độ hài lòng', titleEn: 'Rate our service', kind: 'device' } });
