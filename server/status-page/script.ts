// The status page's only script, inlined (one request, nothing to cache wrongly): every 5 s it
// fetches the status block again and swaps it in; when the ticket is called it vibrates and
// rings, as far as the phone allows (sound needs one tap on the page first: browsers' rule).
import { ticketStatusPage as t } from '@core/text/kiosk.ts';

const TEXT = JSON.stringify({
  retrying: `${t.retrying.vi} / ${t.retrying.en}`,
  ready: `${t.alertReady.vi} / ${t.alertReady.en}`,
}).replace(/</g, '\\u003c');

export const POLL_MS = 5_000;
const RETRY_MS = 15_000;

export const STATUS_SCRIPT = `(function(){
var T=${TEXT},path=location.pathname,block=document.getElementById('status'),audio=null,timer=0;
var FINAL={done:1,'no-show':1,expired:1,cancelled:1};
var note=document.getElementById('note'),button=document.getElementById('alert');
function state(){return block.getAttribute('data-state')}
function say(s,warn){note.textContent=s;note.className=warn?'warn':''}
var armed=false;
function beep(){if(!audio)return;try{var o=audio.createOscillator(),g=audio.createGain();o.frequency.value=880;g.gain.value=0.4;o.connect(g);g.connect(audio.destination);o.start();o.stop(audio.currentTime+0.8)}catch(e){}}
function ring(){if(navigator.vibrate)navigator.vibrate([600,250,600,250,600]);beep();setTimeout(beep,1200);document.title='\\u23f0 '+document.title.replace(/^\\u23f0 /,'')}
function schedule(ms){clearTimeout(timer);if(!FINAL[state()])timer=setTimeout(poll,ms)}
function poll(){
  fetch(path+'?part=status',{cache:'no-store'}).then(function(r){if(!r.ok)throw new Error('status '+r.status);return r.text()}).then(function(html){
    var tpl=document.createElement('template');tpl.innerHTML=html;var next=tpl.content.firstElementChild;
    if(!next||next.id!=='status')throw new Error('bad block');
    var before=state(),counter=block.getAttribute('data-counter');
    // The confirmation stays while the alert is armed; only a past "retrying" is cleared.
    block.replaceWith(next);block=next;say(armed&&!FINAL[state()]?T.ready:'');
    if(state()==='called'&&(before!=='called'||counter!==block.getAttribute('data-counter')))ring();
    if(FINAL[state()])button.hidden=true;
    schedule(${POLL_MS});
  }).catch(function(){say(T.retrying,true);schedule(${RETRY_MS})});
}
var Ctx=window.AudioContext||window.webkitAudioContext;
if((Ctx||navigator.vibrate)&&!FINAL[state()]){button.hidden=false;button.onclick=function(){
  try{if(Ctx&&!audio){audio=new Ctx();audio.resume()}}catch(e){}
  if(navigator.vibrate)navigator.vibrate(60);button.hidden=true;armed=true;say(T.ready)}}
document.addEventListener('visibilitychange',function(){if(!document.hidden)poll()});
schedule(${POLL_MS});
})();`;
